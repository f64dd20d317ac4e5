using Microsoft.Extensions.Logging;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>Writes what the peers report to the silo's log: a line per elected leader, role changes at debug level.</summary>
public sealed partial class LoggingPeerObserver(ILogger<LoggingPeerObserver> logger) : IRaftPeerObserver
{
    public void OnBecameLeader(int peerId, long term) => LeaderElected(logger, peerId, term);

    public void OnRoleChanged(int peerId, RaftRole role, long term, int leader) => RoleChanged(logger, term, peerId, role, leader);

    public void OnMessageRejected(int peerId, Message message, StepOutcome outcome) => MessageRejected(logger, peerId, outcome, message);

    public void OnFaulted(int peerId, Exception exception) => Faulted(logger, exception, peerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "leader elected: peer {PeerId}, term {Term}")]
    private static partial void LeaderElected(ILogger logger, int peerId, long term);

    // Traces start with the term (seed 003), so a log sorted by term reads as the protocol's history.
    [LoggerMessage(Level = LogLevel.Debug, Message = "term {Term}: peer {PeerId} is {Role}, leader {Leader}")]
    private static partial void RoleChanged(ILogger logger, long term, int peerId, RaftRole role, int leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "peer {PeerId} rejected a message as {Outcome}: {Message}")]
    private static partial void MessageRejected(ILogger logger, int peerId, StepOutcome outcome, Message message);

    [LoggerMessage(Level = LogLevel.Error, Message = "peer {PeerId} stopped: its storage failed")]
    private static partial void Faulted(ILogger logger, Exception exception, int peerId);
}

using Microsoft.Extensions.Logging;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>
/// Writes what the peers report to the silo's log: elections, snapshots, memberships and transfers as
/// information, role changes at debug level, rejected messages and faults as warnings and errors.
/// </summary>
/// <remarks>
/// Every message starts with the term (seed 003's traces), so a log sorted by term reads as the protocol's
/// history, and carries the fields <c>PeerId</c>, <c>Term</c> and <c>Index</c>, which the JSON log
/// (<c>Raft:Logging=json</c>) writes as fields of their own; the text says which index it is.
/// </remarks>
public sealed partial class LoggingPeerObserver(ILogger<LoggingPeerObserver> logger) : IRaftPeerObserver
{
    public void OnBecameLeader(int peerId, long term, long lastIndex) => LeaderElected(logger, term, peerId, lastIndex);

    public void OnRoleChanged(int peerId, long term, long commitIndex, RaftRole role, int leader) => RoleChanged(logger, term, peerId, role, leader, commitIndex);

    public void OnMessageRejected(int peerId, long term, long commitIndex, Message message, StepOutcome outcome) =>
        MessageRejected(logger, term, peerId, outcome, commitIndex, message);

    public void OnFaulted(int peerId, long term, long commitIndex, Exception exception) => Faulted(logger, exception, term, peerId, commitIndex);

    public void OnSnapshotTaken(int peerId, long term, long snapshotIndex) => SnapshotTaken(logger, term, peerId, snapshotIndex);

    public void OnSnapshotInstalled(int peerId, long term, long snapshotIndex) => SnapshotInstalled(logger, term, peerId, snapshotIndex);

    public void OnMembershipApplied(int peerId, long term, long index, Membership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        MembershipApplied(logger, term, peerId, index, string.Join(",", membership.Voters), string.Join(",", membership.Learners));
    }

    public void OnTransferStarted(int peerId, long term, long commitIndex, int target) => TransferStarted(logger, term, peerId, target, commitIndex);

    public void OnTransferEnded(int peerId, long term, long commitIndex, int target, bool steppedDown)
    {
        if (steppedDown) TransferSteppedDown(logger, term, peerId, target, commitIndex);
        else TransferAbandoned(logger, term, peerId, target, commitIndex);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: leader elected: peer {PeerId}, last index {Index}")]
    private static partial void LeaderElected(ILogger logger, long term, int peerId, long index);

    [LoggerMessage(Level = LogLevel.Debug, Message = "term {Term}: peer {PeerId} is {Role}, leader {Leader}, commit index {Index}")]
    private static partial void RoleChanged(ILogger logger, long term, int peerId, RaftRole role, int leader, long index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "term {Term}: peer {PeerId} rejected a message as {Outcome} at commit index {Index}: {Message}")]
    private static partial void MessageRejected(ILogger logger, long term, int peerId, StepOutcome outcome, long index, Message message);

    [LoggerMessage(Level = LogLevel.Error, Message = "term {Term}: peer {PeerId} stopped at commit index {Index}: its storage failed")]
    private static partial void Faulted(ILogger logger, Exception exception, long term, int peerId, long index);

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: peer {PeerId} took a snapshot through index {Index} and compacted its log")]
    private static partial void SnapshotTaken(ILogger logger, long term, int peerId, long index);

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: peer {PeerId} installed the leader's snapshot through index {Index}")]
    private static partial void SnapshotInstalled(ILogger logger, long term, int peerId, long index);

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: peer {PeerId} applied the membership at index {Index}: voters [{Voters}], learners [{Learners}]")]
    private static partial void MembershipApplied(ILogger logger, long term, int peerId, long index, string voters, string learners);

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: peer {PeerId} is handing leadership to peer {Target}, commit index {Index}")]
    private static partial void TransferStarted(ILogger logger, long term, int peerId, int target, long index);

    [LoggerMessage(Level = LogLevel.Information, Message = "term {Term}: peer {PeerId} stepped down for peer {Target}, commit index {Index}")]
    private static partial void TransferSteppedDown(ILogger logger, long term, int peerId, int target, long index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "term {Term}: peer {PeerId} gave up handing leadership to peer {Target} and leads on, commit index {Index}")]
    private static partial void TransferAbandoned(ILogger logger, long term, int peerId, int target, long index);
}

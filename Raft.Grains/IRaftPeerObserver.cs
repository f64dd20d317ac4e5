using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// What a peer reports to its host (logs, dashboard, metrics). Called from inside the peer's turns, so an
/// implementation must be quick and must not call back into the grain.
/// </summary>
public interface IRaftPeerObserver
{
    /// <summary>This peer became leader of <paramref name="term"/>.</summary>
    void OnBecameLeader(int peerId, long term);

    /// <summary>The peer's role, term or known leader changed.</summary>
    void OnRoleChanged(int peerId, RaftRole role, long term, int leader);

    /// <summary>A message was dropped as bad input (not merely stale); a peer that keeps sending these is broken.</summary>
    void OnMessageRejected(int peerId, Message message, StepOutcome outcome);

    /// <summary>The peer stopped because its storage failed; it will not take part until it is reactivated.</summary>
    void OnFaulted(int peerId, Exception exception);
}

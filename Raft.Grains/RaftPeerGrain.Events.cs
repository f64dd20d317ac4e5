using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>
/// The Raft events the node shows only as changed state (snapshots taken and installed, memberships applied,
/// leadership transfers), reported to the host's observer by a <see cref="PeerEventReporter"/> after every Ready.
/// </summary>
public sealed partial class RaftPeerGrain
{
    // Built with the node at activation, so its first comparison is against the state the peer started from.
    private PeerEventReporter? _events;

    private void ConfigurationApplied(Entry entry) => _events?.ConfigurationApplied(entry);
}

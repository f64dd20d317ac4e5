namespace Raft.Grains.Placement;

/// <summary>
/// Whether the silo that hosts a peer is an active member of the cluster, as this silo's membership view
/// has it now. A message to a peer whose silo is known to be down would only be refused by placement
/// (<see cref="PeerSiloUnavailableException"/>), which Orleans logs as an error for every message: at one
/// heartbeat round every few ticks that floods the log for as long as the silo stays down.
/// </summary>
public interface IPeerSiloStatus
{
    bool IsActive(int peerId);
}

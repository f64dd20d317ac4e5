using Raft.Grains.Dashboard;

namespace Raft.Silo.Dashboard;

/// <summary>What one poll knows of a peer: its last view (null if never reached) and whether it answers now.</summary>
public sealed record PeerSample(int Id, string Silo, PeerDashboardView? View, bool Reachable);

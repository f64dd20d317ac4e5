using Orleans.Placement;

namespace Raft.Grains.Placement;

/// <summary>Marks the peer grain class for <see cref="RaftPeerPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RaftPeerPlacementAttribute() : PlacementAttribute(RaftPeerPlacement.Instance);

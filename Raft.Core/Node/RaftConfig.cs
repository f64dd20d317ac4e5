namespace Raft.Core.Node;

/// <summary>
/// What a peer is told at creation. Times are counted in ticks: the host calls <see cref="RaftNode.Tick"/>
/// at a fixed interval and the core never reads a clock.
/// </summary>
public sealed record RaftConfig
{
    /// <summary>This peer's id; ids are positive.</summary>
    public required int Id { get; init; }

    /// <summary>
    /// The voters a new group starts with (bootstrap membership), until the log or a snapshot says otherwise.
    /// A peer that joins a running group starts with none (or without itself) and waits to be added.
    /// </summary>
    public required IReadOnlyList<int> Peers { get; init; }

    /// <summary>
    /// Every id that may ever be a member (the hosts the deployment knows). A leader's traffic is taken from
    /// any of them even before this peer learns it is a member; anyone else must be in the membership.
    /// Null: only <see cref="Peers"/>.
    /// </summary>
    public IReadOnlyList<int>? KnownPeers { get; init; }

    internal bool IsKnownPeer(int id) => (KnownPeers ?? Peers).Contains(id);

    /// <summary>Seed for the randomized election timeout; the core's only source of randomness.</summary>
    public ulong Seed { get; init; }

    /// <summary>A follower campaigns after a random timeout in [ElectionTicks, 2*ElectionTicks) without a leader.</summary>
    public int ElectionTicks { get; init; } = 10;

    public int HeartbeatTicks { get; init; } = 1;

    /// <summary>Ask for votes without raising the term first, so a rejoining peer does not depose a healthy leader.</summary>
    public bool PreVote { get; init; } = true;

    /// <summary>A leader that heard from no quorum for an election timeout steps down; followers ignore votes while they hear a leader.</summary>
    public bool CheckQuorum { get; init; } = true;

    /// <summary>Upper bound on entry bytes in one Append (at least one entry is always sent).</summary>
    public int MaxBytesPerMessage { get; init; } = 1 << 20;

    public int MaxEntriesPerMessage { get; init; } = 512;

    /// <summary>Appends in flight to one follower in the replicate state before the leader waits for acks.</summary>
    public int MaxInflightMessages { get; init; } = 64;

    /// <summary>
    /// Whether a leader's appends and heartbeats, and a follower's heartbeat responses, may leave while the
    /// peer's own write is in flight (<see cref="Ready.EarlyMessages"/>): the leader's sync and the followers'
    /// overlap instead of adding up, and a slow disk does not stop the heartbeats. Safe either way; off sends
    /// them after the write.
    /// </summary>
    public bool EarlyAppends { get; init; } = true;

    public int MaxProposalBytes { get; init; } = 1 << 20;

    /// <summary>Proposals are dropped while this many bytes are appended but not yet committed.</summary>
    public long MaxUncommittedBytes { get; init; } = 64L << 20;

    /// <summary>Bytes of snapshot in one InstallSnapshot chunk.</summary>
    public int SnapshotChunkBytes { get; init; } = 256 << 10;

    /// <summary>Snapshot chunks in flight to one follower before the leader waits for acknowledgements.</summary>
    public int MaxInflightSnapshotChunks { get; init; } = 4;

    /// <summary>The largest snapshot a follower accepts; bounds what a leader can make it buffer.</summary>
    public long MaxSnapshotBytes { get; init; } = 1L << 30;

    /// <summary>Returns why the configuration cannot work, or null when it can.</summary>
    public string? Validate()
    {
        if (Id <= 0) return $"Id must be positive, was {Id}";
        if (Peers.Any(p => p <= 0)) return "peer ids must be positive";
        if (Peers.Distinct().Count() != Peers.Count) return "peer ids repeat";
        if (HeartbeatTicks <= 0) return "HeartbeatTicks must be positive";
        if (ElectionTicks <= HeartbeatTicks) return "ElectionTicks must exceed HeartbeatTicks";
        if (MaxBytesPerMessage <= 0 || MaxEntriesPerMessage <= 0 || MaxInflightMessages <= 0) return "message limits must be positive";
        if (MaxProposalBytes <= 0 || MaxUncommittedBytes < MaxProposalBytes) return "MaxUncommittedBytes must be at least MaxProposalBytes";
        if (SnapshotChunkBytes <= 0 || MaxInflightSnapshotChunks <= 0 || MaxSnapshotBytes <= 0) return "snapshot limits must be positive";
        return null;
    }
}

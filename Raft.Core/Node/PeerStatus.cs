using Raft.Core.Members;
using Raft.Core.Progress;

namespace Raft.Core.Node;

/// <summary>The leader's view of one follower, for observers.</summary>
public readonly record struct FollowerStatus(int Id, long Match, long Next, ReplicationState State, bool RecentActive);

/// <summary>A snapshot of one peer's state, for dashboards, tests and checkers. Cheap to take.</summary>
public sealed record PeerStatus
{
    public required int Id { get; init; }
    public required RaftRole Role { get; init; }
    public required long Term { get; init; }
    public required int VotedFor { get; init; }
    public required int Leader { get; init; }
    public required long LastIndex { get; init; }
    public required long LastTerm { get; init; }
    public required long Commit { get; init; }
    public required long Applied { get; init; }

    /// <summary>The last index of the latest snapshot this peer holds (0 without one).</summary>
    public long SnapshotIndex { get; init; }

    /// <summary>The first index the log holds.</summary>
    public long FirstIndex { get; init; } = 1;

    /// <summary>Entries the log holds (LastIndex - FirstIndex + 1).</summary>
    public long LogLength { get; init; }

    /// <summary>The membership in effect at this peer.</summary>
    public Membership Membership { get; init; } = Membership.Empty;

    /// <summary>When leading: the peer leadership is being transferred to, or 0.</summary>
    public int LeadTransferee { get; init; }

    public IReadOnlyList<FollowerStatus> Followers { get; init; } = [];

    public override string ToString() =>
        $"peer {Id} {Role} term={Term} vote={VotedFor} leader={Leader} last={LastTerm}/{LastIndex} commit={Commit} applied={Applied} snapshot={SnapshotIndex} first={FirstIndex} {Membership}";
}

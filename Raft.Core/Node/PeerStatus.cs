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
    public IReadOnlyList<FollowerStatus> Followers { get; init; } = [];

    public override string ToString() =>
        $"peer {Id} {Role} term={Term} vote={VotedFor} leader={Leader} last={LastTerm}/{LastIndex} commit={Commit} applied={Applied}";
}

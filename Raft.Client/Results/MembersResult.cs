namespace Raft.Client.Results;

/// <summary>One configured peer as <c>members</c> shows it; <see cref="MatchIndex"/> is null when the leader does not know it.</summary>
internal sealed record MemberResult(long Id, string Silo, string Address, string Role, long? MatchIndex, bool Reachable);

/// <summary>The group's membership (the shape of the HTTP API's <c>GET /cluster/members</c>); <see cref="Leader"/> is null while no leader is known.</summary>
internal sealed record MembersResult(long? Leader, string? LeaderAddress, IReadOnlyList<int> Voters, IReadOnlyList<int> Learners, IReadOnlyList<MemberResult> Members);

/// <summary>A committed membership change: the peer, its role now (<c>voter</c>, <c>learner</c>, <c>none</c> once removed), the configuration entry's index.</summary>
internal sealed record MemberChangeResult(long Id, string Role, long Index);

/// <summary>A completed leadership transfer: who leads now.</summary>
internal sealed record LeaderResult(long Leader, string? LeaderAddress);

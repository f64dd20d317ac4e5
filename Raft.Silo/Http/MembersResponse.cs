namespace Raft.Silo.Http;

/// <summary>One configured peer in <c>GET /cluster/members</c>: role <c>voter</c>, <c>learner</c> or <c>none</c>; <see cref="MatchIndex"/> null when the leader does not know it.</summary>
public sealed record MemberResponse(int Id, string Silo, string Address, string Role, long? MatchIndex, bool Reachable);

/// <summary>The body of <c>GET /cluster/members</c>; <see cref="Leader"/> and <see cref="LeaderAddress"/> are null while no leader is known.</summary>
public sealed record MembersResponse(int? Leader, string? LeaderAddress, IReadOnlyList<int> Voters, IReadOnlyList<int> Learners, IReadOnlyList<MemberResponse> Members);

/// <summary>The body of a committed membership change: the peer, its role now (<c>voter</c>, <c>learner</c>, <c>none</c> once removed), and the configuration entry's index.</summary>
public sealed record MembershipChangeResponse(int Id, string Role, long Index);

/// <summary>The body of a completed <c>POST /cluster/leader</c>: who leads now.</summary>
public sealed record LeaderResponse(int Leader, string? LeaderAddress);

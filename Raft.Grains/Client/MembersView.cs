namespace Raft.Grains.Client;

/// <summary>
/// One configured peer as <c>GET /cluster/members</c> shows it: its silo and client address, its place in
/// the group (<c>voter</c>, <c>learner</c>, or <c>none</c> for a peer of the cluster file that is not a
/// member), and its match index when the leader knows it.
/// </summary>
[GenerateSerializer, Alias("raft.member-view")]
public sealed record MemberView(int Id, string Silo, string Address, string Role, long? MatchIndex, bool Reachable);

/// <summary>
/// The group's membership as its leader has it (or, without a leader, the most up-to-date peer this silo
/// reached), with every peer the silo's configuration knows.
/// </summary>
[GenerateSerializer, Alias("raft.members-view")]
public sealed record MembersView(int? Leader, string? LeaderAddress, IReadOnlyList<int> Voters, IReadOnlyList<int> Learners, IReadOnlyList<MemberView> Members);

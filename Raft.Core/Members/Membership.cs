namespace Raft.Core.Members;

/// <summary>
/// Who takes part in the group: voters, who elect leaders and make up quorums, and learners, who receive
/// the log but never vote or count (dissertation §4.2.1). Immutable, sorted and compared by value; a peer
/// is in at most one of the two lists.
/// </summary>
public sealed class Membership : IEquatable<Membership>
{
    private readonly int[] _voters;
    private readonly int[] _learners;

    private Membership(int[] voters, int[] learners)
    {
        _voters = voters;
        _learners = learners;
    }

    /// <summary>No members: what a peer knows before it is added to a group.</summary>
    public static Membership Empty { get; } = new([], []);

    public IReadOnlyList<int> Voters => _voters;

    public IReadOnlyList<int> Learners => _learners;

    /// <summary>Votes needed to win an election or commit an entry: a majority of the voters.</summary>
    public int Quorum => Voters.Count / 2 + 1;

    /// <summary>Voters and learners, ascending.</summary>
    public IEnumerable<int> Members => Voters.Concat(Learners).Order();

    /// <summary>Builds a membership; throws when an id is not positive or is listed twice.</summary>
    public static Membership Of(IEnumerable<int> voters, IEnumerable<int>? learners = null)
    {
        var v = voters.Order().ToArray();
        var l = (learners ?? []).Order().ToArray();
        var all = v.Concat(l).ToArray();
        if (all.Any(id => id <= 0)) throw new ArgumentException("member ids must be positive");
        if (all.Distinct().Count() != all.Length) throw new ArgumentException("a member is listed twice");
        return new Membership(v, l);
    }

    public bool IsVoter(int id) => Array.BinarySearch(_voters, id) >= 0;

    public bool IsLearner(int id) => Array.BinarySearch(_learners, id) >= 0;

    public bool Contains(int id) => IsVoter(id) || IsLearner(id);

    /// <summary>
    /// The membership after <paramref name="change"/>, or the typed reason it cannot be made. Only ever one
    /// server moves, so any two consecutive memberships have overlapping majorities (dissertation §4.1).
    /// </summary>
    public MembershipChangeOutcome TryApply(MembershipChange change, out Membership next)
    {
        next = this;
        var id = change.PeerId;
        if (id <= 0) return MembershipChangeOutcome.InvalidPeer;
        switch (change.Kind)
        {
            case MembershipChangeKind.AddLearner:
                if (Contains(id)) return MembershipChangeOutcome.AlreadyMember;
                next = new Membership(_voters, [.. Learners.Append(id).Order()]);
                return MembershipChangeOutcome.Accepted;
            case MembershipChangeKind.AddVoter:
                if (Contains(id)) return MembershipChangeOutcome.AlreadyMember;
                next = new Membership([.. Voters.Append(id).Order()], _learners);
                return MembershipChangeOutcome.Accepted;
            case MembershipChangeKind.Promote:
                if (IsVoter(id)) return MembershipChangeOutcome.AlreadyVoter;
                if (!IsLearner(id)) return MembershipChangeOutcome.UnknownMember;
                next = new Membership([.. Voters.Append(id).Order()], [.. Learners.Where(l => l != id)]);
                return MembershipChangeOutcome.Accepted;
            case MembershipChangeKind.Remove:
                if (!Contains(id)) return MembershipChangeOutcome.UnknownMember;
                if (IsVoter(id) && Voters.Count == 1) return MembershipChangeOutcome.LastVoter;
                next = new Membership([.. Voters.Where(v => v != id)], [.. Learners.Where(l => l != id)]);
                return MembershipChangeOutcome.Accepted;
            default:
                return MembershipChangeOutcome.InvalidPeer;
        }
    }

    public bool Equals(Membership? other) =>
        other is not null && Voters.SequenceEqual(other.Voters) && Learners.SequenceEqual(other.Learners);

    public override bool Equals(object? obj) => Equals(obj as Membership);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in Voters) hash.Add(v);
        hash.Add(-1);
        foreach (var l in Learners) hash.Add(l);
        return hash.ToHashCode();
    }

    public override string ToString() =>
        $"voters [{string.Join(",", Voters)}]{(Learners.Count > 0 ? $" learners [{string.Join(",", Learners)}]" : "")}";
}

namespace Raft.Silo.Dashboard;

/// <summary>
/// One frame of the Raft dashboard, as <c>/dashboard/frames</c> streams it: the group as this silo sees it
/// at <see cref="At"/> (Unix ms). Rates are per second over about the last second; the timeline is what this
/// silo has seen since its feed started, with the peers' own recent history from before.
/// </summary>
public sealed record DashboardFrame(
    long At,
    string Silo,
    bool Controls,
    int IntervalMs,
    int? Leader,
    long Term,
    IReadOnlyList<DashboardPeer> Peers,
    IReadOnlyList<DashboardSilo> Silos,
    IReadOnlyList<DashboardLink> Links,
    IReadOnlyList<DashboardEvent> Timeline,
    double CommitsPerSecond,
    DashboardLatency CommitLatency);

/// <summary>
/// One peer's card and log row. While it cannot be reached its last known values stay, with
/// <see cref="Reachable"/> false; <see cref="Role"/> is "Unknown" until it was reached once.
/// <see cref="Membership"/> is "voter", "learner" or "none" as the peer itself sees the group.
/// </summary>
public sealed record DashboardPeer(
    int Id,
    string Silo,
    bool SiloUp,
    bool Reachable,
    bool Paused,
    string Role,
    string Membership,
    long Term,
    int VotedFor,
    int Leader,
    long LastIndex,
    long LastTerm,
    long CommitIndex,
    long AppliedIndex,
    long SnapshotIndex,
    long FirstIndex,
    long LogFrom,
    IReadOnlyList<long> LogTerms);

/// <summary>A silo of the Orleans cluster by its name, with its newest generation's status (Active, Dead, ...), or "Unknown" when the membership has no entry.</summary>
public sealed record DashboardSilo(string Name, string Status)
{
    public bool IsUp => Status == ActiveStatus;

    public const string ActiveStatus = "Active";
}

/// <summary>Raft messages per second from one peer to another.</summary>
public sealed record DashboardLink(int From, int To, double PerSecond);

/// <summary>
/// A timeline entry: a peer's role change (Leader, Candidate, PreCandidate, Follower), a pause or resume,
/// or a silo's status change (then <see cref="Peer"/> is 0 and <see cref="Silo"/> names it).
/// </summary>
public sealed record DashboardEvent(long At, int Peer, string Silo, string Kind, long Term, int Leader, long Index);

/// <summary>The leader's commit latency over its last few seconds, in milliseconds.</summary>
public sealed record DashboardLatency(int Count, double P50Ms, double P99Ms, double MaxMs);

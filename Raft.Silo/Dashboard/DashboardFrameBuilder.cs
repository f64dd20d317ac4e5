using Raft.Core.Node;
using Raft.Grains.Dashboard;

namespace Raft.Silo.Dashboard;

/// <summary>
/// Turns successive polls of the peers into frames: message and commit rates from the differences of
/// cumulative counts over about a second, the leader, and a timeline merged from the peers' event rings and
/// the silos' status changes. Pure and single-threaded (the feed's loop owns it), so tests drive it with
/// made-up samples and times.
/// </summary>
public sealed class DashboardFrameBuilder(string silo, bool controls, int intervalMs)
{
    /// <summary>Rates are taken over the polls of about this long.</summary>
    public const long RateWindowMs = 1000;

    /// <summary>The timeline keeps this many entries, the newest.</summary>
    public const int TimelineCapacity = 100;

    private readonly Queue<Counts> _history = new();
    private readonly Dictionary<int, long> _seenSequence = [];
    private readonly Dictionary<string, string> _siloStatus = [];
    private readonly List<DashboardEvent> _timeline = [];

    private sealed record Counts(long AtMs, Dictionary<(int From, int To), long> Sent, long Commit);

    public DashboardFrame Build(long nowMs, IReadOnlyList<PeerSample> samples, IReadOnlyList<DashboardSilo> silos)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(silos);
        MergeSilos(nowMs, silos);
        foreach (var sample in samples) MergeEvents(sample);

        var counts = new Counts(nowMs, [], samples.Where(s => s.Reachable && s.View is not null).Select(s => s.View!.Status.Commit).DefaultIfEmpty(0).Max());
        foreach (var sample in samples.Where(s => s.View is not null))
            foreach (var traffic in sample.View!.Sent) counts.Sent[(sample.Id, traffic.To)] = traffic.Messages;
        var oldest = Remember(counts);

        var leader = samples
            .Where(s => s is { Reachable: true, View: { Paused: false, Status.Role: RaftRole.Leader } })
            .OrderByDescending(s => s.View!.Status.Term)
            .FirstOrDefault();
        var siloUp = silos.ToDictionary(s => s.Name, s => s.IsUp);
        var latency = leader?.View!.CommitLatency ?? default;
        return new DashboardFrame(
            nowMs, silo, controls, intervalMs,
            leader?.Id,
            samples.Where(s => s.View is not null).Select(s => s.View!.Status.Term).DefaultIfEmpty(0).Max(),
            samples.Select(s => Peer(s, siloUp.GetValueOrDefault(s.Silo))).ToArray(),
            silos,
            Links(oldest, counts),
            _timeline.ToArray(),
            Rate(oldest?.Commit ?? counts.Commit, counts.Commit, oldest?.AtMs ?? nowMs, nowMs),
            new DashboardLatency(latency.Count, latency.P50Ms, latency.P99Ms, latency.MaxMs));
    }

    /// <summary>Keeps this poll and returns the oldest one within the rate window (null on the first poll).</summary>
    private Counts? Remember(Counts counts)
    {
        while (_history.Count > 1 && counts.AtMs - _history.Peek().AtMs > RateWindowMs) _history.Dequeue();
        var oldest = _history.Count > 0 ? _history.Peek() : null;
        _history.Enqueue(counts);
        return oldest;
    }

    private static DashboardLink[] Links(Counts? oldest, Counts now) => now.Sent
        .Select(p => new DashboardLink(p.Key.From, p.Key.To,
            Rate(oldest?.Sent.GetValueOrDefault(p.Key) ?? p.Value, p.Value, oldest?.AtMs ?? now.AtMs, now.AtMs)))
        .OrderBy(l => l.From).ThenBy(l => l.To)
        .ToArray();

    // A count that went down started again (a new activation): what it holds now all came since.
    private static double Rate(long before, long after, long fromMs, long toMs)
    {
        if (toMs <= fromMs) return 0;
        var delta = after >= before ? after - before : after;
        return Math.Round(delta * 1000.0 / (toMs - fromMs), 1);
    }

    private static DashboardPeer Peer(PeerSample sample, bool siloUp)
    {
        if (sample.View is not { } view)
            return new DashboardPeer(sample.Id, sample.Silo, siloUp, false, false, "Unknown", "none", 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, []);
        var status = view.Status;
        var membership = status.Membership.IsVoter(sample.Id) ? "voter" : status.Membership.IsLearner(sample.Id) ? "learner" : "none";
        return new DashboardPeer(sample.Id, sample.Silo, siloUp, sample.Reachable, view.Paused, status.Role.ToString(), membership,
            status.Term, status.VotedFor, status.Leader, status.LastIndex, status.LastTerm, status.Commit, status.Applied,
            status.SnapshotIndex, status.FirstIndex, view.LogFrom, view.LogTerms);
    }

    private void MergeEvents(PeerSample sample)
    {
        if (sample.View?.Events is not { Length: > 0 } events) return;
        var seen = _seenSequence.GetValueOrDefault(sample.Id);
        // Sequences restart with each activation: a ring that ends below what was seen is a new one.
        if (events[^1].Sequence < seen) seen = 0;
        foreach (var e in events.Where(e => e.Sequence > seen))
            Add(new DashboardEvent(e.AtUnixMs, sample.Id, sample.Silo, e.Kind.ToString(), e.Term, e.Leader, e.Index));
        _seenSequence[sample.Id] = Math.Max(seen, events[^1].Sequence);
    }

    private void MergeSilos(long nowMs, IReadOnlyList<DashboardSilo> silos)
    {
        foreach (var s in silos)
        {
            var known = _siloStatus.TryGetValue(s.Name, out var before);
            _siloStatus[s.Name] = s.Status;
            // The first sight of a silo is its state, not a change.
            if (known && before != s.Status) Add(new DashboardEvent(nowMs, 0, s.Name, "Silo" + s.Status, 0, 0, 0));
        }
    }

    private void Add(DashboardEvent e)
    {
        // Mostly appends in order; an older event (a peer answering late) goes where it belongs.
        var at = _timeline.Count;
        while (at > 0 && _timeline[at - 1].At > e.At) at--;
        _timeline.Insert(at, e);
        if (_timeline.Count > TimelineCapacity) _timeline.RemoveAt(0);
    }
}

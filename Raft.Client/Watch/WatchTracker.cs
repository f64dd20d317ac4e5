using Raft.Client.Results;

namespace Raft.Client.Watch;

/// <summary>
/// Turns successive polls into <see cref="WatchFrame"/>s: the rates compare each poll with the previous one
/// that told the same thing (a failed poll is skipped over, so the next rate spans the gap), timed by the
/// injected clock. Plain and single-threaded: the watch loop owns it.
/// </summary>
internal sealed class WatchTracker(TimeProvider time)
{
    private (long Timestamp, long CommitIndex)? _lastCommit;
    private (long Leader, long? Term)? _lastLeader;
    private (long Leader, CommitLatencyTotals Totals)? _lastLatency;
    private int _leaderChanges;

    /// <param name="leaderLatency">The leader's commit-latency totals read at this poll, when they could be read.</param>
    public WatchFrame Observe(ClusterView view, CommitLatencyTotals? leaderLatency)
    {
        ArgumentNullException.ThrowIfNull(view);
        var now = time.GetTimestamp();
        var reachable = view.Peers.Where(p => p.Reachable).ToArray();
        var leaderPeer = reachable.FirstOrDefault(p => p.Id == view.Leader);
        long? term = leaderPeer?.Term ?? (reachable.Length > 0 ? reachable.Max(p => p.Term) : null);
        long? commit = reachable.Length > 0 ? reachable.Max(p => p.CommitIndex) : null;

        double? commitsPerSecond = null;
        if (commit is { } c)
        {
            if (_lastCommit is { } last && c >= last.CommitIndex && time.GetElapsedTime(last.Timestamp, now) is { TotalSeconds: > 0 } elapsed)
                commitsPerSecond = (c - last.CommitIndex) / elapsed.TotalSeconds;
            _lastCommit = (now, c);
        }

        if (view.Leader is { } leader)
        {
            // A new leader, or the same peer elected again in a later term; a spell with no leader known is not a change by itself.
            if (_lastLeader is { } seen && (seen.Leader != leader || seen.Term != term)) _leaderChanges++;
            _lastLeader = (leader, term);
        }

        double? latency = null;
        if (view.Leader is { } latencyLeader && leaderLatency is { } totals)
        {
            // Totals are per peer: across a change of leader there is nothing to subtract.
            if (_lastLatency is { } earlier && earlier.Leader == latencyLeader) latency = totals.MeanSince(earlier.Totals);
            _lastLatency = (latencyLeader, totals);
        }

        return new WatchFrame(time.GetUtcNow(), view.Leader, view.LeaderAddress, term, commit, commitsPerSecond, _leaderChanges, latency, view.Peers);
    }

    /// <summary>A poll that failed: the error, and the count of leader changes so far.</summary>
    public WatchFrame Failed(string code, string message) =>
        new(time.GetUtcNow(), null, null, null, null, null, _leaderChanges, null, [], code, message);
}

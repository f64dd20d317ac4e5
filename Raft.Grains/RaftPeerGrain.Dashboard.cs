using Raft.Core.Node;
using Raft.Grains.Dashboard;

namespace Raft.Grains;

/// <summary>
/// What the Raft dashboard reads from a peer, and its demo control: pausing. A paused peer is frozen and cut
/// off, as if its process stopped: it neither ticks nor steps messages, refuses callers, and so sends
/// nothing. Raft survives that by design; the pause only ends with a resume or the activation.
/// </summary>
public sealed partial class RaftPeerGrain
{
    // Over this window the dashboard's latency percentiles are taken.
    private const long LatencyWindowMs = 5000;

    private readonly PeerTimeline _timeline = new();
    private readonly LatencyWindow _commitLatency = new();
    private bool _paused;

    /// <summary>Whether the peer takes no part now: its storage failed, or the dashboard paused it.</summary>
    private bool OutOfService => _pump!.Fault is not null || _paused;

    public Task<PeerDashboardView> GetDashboardViewAsync(int logCells, CancellationToken cancellationToken)
    {
        var cells = Math.Clamp(logCells, 0, PeerDashboardView.MaxLogCells);
        var from = Math.Max(Node.FirstIndex, Node.LastIndex - cells + 1);
        var terms = new long[Math.Max(0, (int)(Node.LastIndex - from + 1))];
        for (var i = 0; i < terms.Length; i++) terms[i] = Node.TermAt(from + i).Term;
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return Task.FromResult(new PeerDashboardView(
            Node.Status(), _paused, from, terms, _sender!.SentCounts(), _timeline.Recent(), _commitLatency.Summarize(now, LatencyWindowMs)));
    }

    public Task SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        if (paused == _paused) return Task.CompletedTask;
        _paused = paused;
        Record(paused ? PeerEventKind.Paused : PeerEventKind.Resumed);
        if (paused)
        {
            // Callers waiting on this peer would wait out their timeouts for nothing.
            _waiters.FailAll(ProposeStatus.Unknown);
            FailAllReads(ReadStatus.Unavailable);
            _transfers.FailAll(Members.TransferStatus.Unknown);
        }
        else
        {
            Kick();
        }
        return Task.CompletedTask;
    }

    private void RecordCommitLatency(double milliseconds) =>
        _commitLatency.Record(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), milliseconds);

    private void RecordRole() => Record(Node.Role switch
    {
        RaftRole.Leader => PeerEventKind.Leader,
        RaftRole.Candidate => PeerEventKind.Candidate,
        RaftRole.PreCandidate => PeerEventKind.PreCandidate,
        _ => PeerEventKind.Follower,
    });

    private void Record(PeerEventKind kind) =>
        _timeline.Record(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), kind, Node.Term, Node.Leader, Node.LastIndex);
}

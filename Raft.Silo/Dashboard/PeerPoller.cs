using Raft.Grains;
using Raft.Grains.Dashboard;

namespace Raft.Silo.Dashboard;

/// <summary>
/// Keeps at most one view call in flight to one peer and answers each poll at once with the latest result,
/// so a peer whose silo died without a word (its call hangs until the deadline) slows no frame: it only
/// shows as unreachable once its call is late.
/// </summary>
internal sealed class PeerPoller(int peerId, string silo, IGrainFactory grains, int logCells)
{
    /// <summary>A call pending longer than this marks the peer unreachable.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromSeconds(1);

    /// <summary>A call still pending after this is given up.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    private Task<PeerDashboardView>? _call;
    private CancellationTokenSource? _deadline;
    private long _startedMs;
    private PeerDashboardView? _last;
    private bool _answered;

    /// <summary>The call in flight, for the first frame to wait on briefly.</summary>
    public Task Pending => _call ?? Task.CompletedTask;

    public PeerSample Poll(long nowMs)
    {
        if (_call is { IsCompleted: true } done)
        {
            _answered = done.IsCompletedSuccessfully;
            if (_answered) _last = done.Result;
            else _ = done.Exception; // observed: an unreachable peer is a state here, not an error
            _deadline!.Dispose();
            _call = null;
        }
        if (_call is null)
        {
            _deadline = new CancellationTokenSource(Deadline);
            _startedMs = nowMs;
            _call = grains.GetGrain<IRaftPeerGrain>(peerId).GetDashboardViewAsync(logCells, _deadline.Token);
        }
        var late = nowMs - _startedMs > LateAfter.TotalMilliseconds;
        return new PeerSample(peerId, silo, _last, _answered && !late);
    }

    public void Cancel()
    {
        _deadline?.Cancel();
    }
}

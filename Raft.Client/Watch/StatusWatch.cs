using Raft.Client.Cluster;
using Raft.Client.Results;

namespace Raft.Client.Watch;

/// <summary>
/// The loop behind <c>status --watch</c>: poll the cluster status (and the leader's metrics), turn it into a
/// frame, show it, wait <c>interval</c> on the injected clock, again, until the token is cancelled (Ctrl-C),
/// which is how a watch ends, so it returns normally then. The first poll fails as plain <c>status</c> does
/// (same error, same exit code: nothing was watched yet); a later failure becomes a frame and the watch goes
/// on, since a failover is what one watches for.
/// </summary>
internal sealed class StatusWatch(ClusterSession cluster, TimeProvider time, TimeSpan interval)
{
    public async Task RunAsync(Action<WatchFrame> show, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(show);
        var tracker = new WatchTracker(time);
        var first = true;
        try
        {
            // Checked before each poll too: a poll answered without waiting must not outlive Ctrl-C.
            while (!cancellationToken.IsCancellationRequested)
            {
                show(await PollAsync(tracker, first, cancellationToken).ConfigureAwait(false));
                first = false;
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<WatchFrame> PollAsync(WatchTracker tracker, bool first, CancellationToken cancellationToken)
    {
        try
        {
            var view = await cluster.GetClusterViewAsync(cancellationToken).ConfigureAwait(false);
            var latency = await cluster.ReadLeaderLatencyAsync(view, cancellationToken).ConfigureAwait(false);
            return tracker.Observe(view, latency);
        }
        catch (ClusterErrorException e) when (!first)
        {
            return tracker.Failed(e.Code, e.Message);
        }
        catch (ClusterUnreachableException e) when (!first)
        {
            return tracker.Failed(ErrorCodes.Unreachable, e.Message);
        }
    }
}

using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Raft.Grains.Client;
using Raft.Silo.Configuration;

namespace Raft.Silo.Dashboard;

/// <summary>
/// Polls every peer of the group and the silos' membership each <see cref="RaftDashboardOptions.IntervalMs"/>
/// while at least one page watches, and hands each frame to every watcher. A watcher that reads slowly gets
/// only the newest frames (its queue holds two). Without watchers nothing is polled.
/// </summary>
public sealed partial class DashboardFeed(
    string siloName,
    RaftDashboardOptions options,
    IGrainFactory grains,
    IRaftGroupTopology topology,
    IClusterMembershipService membership,
    TimeProvider time,
    ILogger<DashboardFeed> logger) : IDisposable
{
    private const int WatcherQueueFrames = 2;

    private readonly Lock _lock = new();
    private readonly List<Channel<DashboardFrame>> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _running;

    /// <summary>Frames from now on until <paramref name="cancellationToken"/> or the feed stops.</summary>
    public async IAsyncEnumerable<DashboardFrame> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<DashboardFrame>(new BoundedChannelOptions(WatcherQueueFrames)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        lock (_lock)
        {
            _watchers.Add(channel);
            if (!_running && !_stopping.IsCancellationRequested)
            {
                _running = true;
                _ = Task.Run(RunAsync, CancellationToken.None);
            }
        }
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            while (true)
            {
                DashboardFrame frame;
                try
                {
                    frame = await channel.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
                {
                    // Closed: the poll loop failed (logged); the page's EventSource reconnects and starts a new one.
                    yield break;
                }
                yield return frame;
            }
        }
        finally
        {
            lock (_lock) _watchers.Remove(channel);
        }
    }

    /// <summary>Ends every watch: the silo's HTTP host is stopping and must not wait for open streams.</summary>
    public void Stop() => _stopping.Cancel();

    // Cancelled, not disposed: the poll loop may still be reading the token as the host tears down.
    public void Dispose() => _stopping.Cancel();

    private async Task RunAsync()
    {
        var builder = new DashboardFrameBuilder(siloName, options.Controls, options.IntervalMs);
        var pollers = topology.AllPeers.Select(id => new PeerPoller(id, topology.SiloOf(id), grains, options.LogCells)).ToArray();
        var interval = TimeSpan.FromMilliseconds(options.IntervalMs);
        var handedOff = false;
        try
        {
            var first = true;
            while (!_stopping.IsCancellationRequested)
            {
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                var samples = pollers.Select(p => p.Poll(now)).ToArray();
                if (first)
                {
                    // The first frame waits a moment for the first answers, so a page does not open empty.
                    first = false;
                    await WaitBrieflyAsync(pollers).ConfigureAwait(false);
                    continue;
                }
                var frame = builder.Build(now, samples, Silos());
                lock (_lock)
                {
                    if (_watchers.Count == 0)
                    {
                        // Under the lock: a watcher that comes now starts a new loop.
                        _running = false;
                        handedOff = true;
                        return;
                    }
                    foreach (var watcher in _watchers) watcher.Writer.TryWrite(frame);
                }
                await Task.Delay(interval, time, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A bug, not a peer's trouble (those are states in the frame): say so, and end the watches
            // rather than leave pages waiting for frames that will never come.
            PollFailed(logger, e);
            lock (_lock)
            {
                foreach (var watcher in _watchers) watcher.Writer.TryComplete();
            }
        }
        finally
        {
            foreach (var poller in pollers) poller.Cancel();
            if (!handedOff) lock (_lock) _running = false;
        }
    }

    // WhenAny never throws for the calls: peers that fail or are late show as such in the frame.
    private Task WaitBrieflyAsync(PeerPoller[] pollers) =>
        Task.WhenAny(Task.WhenAll(pollers.Select(p => p.Pending)), Task.Delay(PeerPoller.LateAfter, time, _stopping.Token));

    /// <summary>Every silo the membership knows, by name (a restarted member is its newest generation), and any host of a peer it does not know.</summary>
    private DashboardSilo[] Silos()
    {
        var known = membership.CurrentSnapshot.Members.Values
            .GroupBy(m => m.Name)
            .Select(g => g.OrderByDescending(m => m.SiloAddress.Generation).First())
            .ToDictionary(m => m.Name, m => new DashboardSilo(m.Name, m.Status.ToString()));
        foreach (var peer in topology.AllPeers)
        {
            var name = topology.SiloOf(peer);
            known.TryAdd(name, new DashboardSilo(name, "Unknown"));
        }
        return known.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "the Raft dashboard's poll loop failed; open pages reconnect")]
    private static partial void PollFailed(ILogger logger, Exception exception);
}

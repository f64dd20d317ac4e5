using System.Net;
using System.Net.Sockets;

namespace Raft.Client.Cluster;

/// <summary>
/// Drops gateways whose machine does not even accept a TCP connection (gone, or its port closed) before the
/// Orleans client sees the list. Orleans copes with them by itself, but slowly for a command line: when it
/// picks such a gateway for its first call (the cluster's type manifest) it waits out the connection timeout,
/// then asks a live silo to reach the dead one, which waits its own 5 s: a dead machine listed first would
/// cost a command most of its 10 s. One TCP connect per gateway, all at once, costs a round trip.
/// </summary>
internal static class GatewayProbe
{
    /// <summary>How long the others may take once one gateway has accepted: several round trips on any sane network.</summary>
    private static readonly TimeSpan _graceAfterFirst = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The gateways that accepted a connection within <paramref name="timeout"/>, in the given order; all of
    /// them when none did (the silos may be starting: Orleans then retries, or says why it cannot connect).
    /// </summary>
    public static async Task<IPEndPoint[]> ReachableAsync(IPEndPoint[] gateways, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (gateways.Length < 2) return gateways;
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        probing.CancelAfter(timeout);
        var firstAccepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probes = gateways.Select(async gateway =>
        {
            var accepted = await AcceptsAsync(gateway, probing.Token).ConfigureAwait(false);
            if (accepted) firstAccepted.TrySetResult();
            return accepted;
        }).ToArray();
        var all = Task.WhenAll(probes);
        await Task.WhenAny(all, firstAccepted.Task).ConfigureAwait(false);
        if (!all.IsCompleted) await Task.WhenAny(all, Task.Delay(_graceAfterFirst, cancellationToken)).ConfigureAwait(false);
        await probing.CancelAsync().ConfigureAwait(false);
        var accepted = await all.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var reachable = gateways.Where((_, i) => accepted[i]).ToArray();
        return reachable.Length > 0 ? reachable : gateways;
    }

    private static async Task<bool> AcceptsAsync(IPEndPoint gateway, CancellationToken cancellationToken)
    {
        using var socket = new Socket(gateway.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(gateway, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}

using System.Diagnostics;

namespace Raft.Client.Cluster;

/// <summary>
/// Retries connecting to the gateways after a transport failure (no silo listening yet, a gateway that
/// refused) every <see cref="Pause"/> until the timeout, and never past it: Orleans' own default retries
/// for up to three minutes, far too long for a command line. It gives up while a pause of time is still
/// left, so that the last failure surfaces and the console can say what went wrong ("Connection refused",
/// another cluster id) rather than only that time ran out.
/// </summary>
internal sealed class DeadlineConnectionRetryFilter : IClientConnectionRetryFilter
{
    /// <summary>Longer than the Orleans client's connection retry delay, so that each retry dials the gateways again.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);

    private readonly TimeSpan _timeout;
    private readonly long _startedTimestamp;

    /// <param name="startedTimestamp">When connecting began (<see cref="Stopwatch.GetTimestamp"/>); the timeout counts from there.</param>
    public DeadlineConnectionRetryFilter(TimeSpan timeout, long startedTimestamp)
    {
        _timeout = timeout;
        _startedTimestamp = startedTimestamp;
    }

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (!TransportFailures.IsTransportFailure(exception)) return false;
        if (Stopwatch.GetElapsedTime(_startedTimestamp) + (2 * Pause) >= _timeout) return false;
        await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

using System.Globalization;
using Raft.Client.Results;

namespace Raft.Client.Watch;

/// <summary>
/// A frame as one line of <c>key=value</c> fields, for a watch whose output is not a terminal (a file, a
/// pipe into grep or awk): the time (UTC), the cluster's numbers, then one <c>|</c>-separated group per peer.
/// "-" stands for a value not known yet.
/// </summary>
internal static class WatchLineRenderer
{
    public static string Line(WatchFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var time = frame.Time.UtcDateTime.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (frame.Error is { } error) return $"{time} ERR {error}: {frame.Message}";
        var cluster = Invariant(
            $"{time} leader={Known(frame.Leader)} term={Known(frame.Term)} commit={Known(frame.CommitIndex)} commits/s={Rate(frame.CommitsPerSecond)} leader-changes={frame.LeaderChanges} commit-latency-ms={Milliseconds(frame.CommitLatencyMs)}");
        var peers = frame.Peers.OrderBy(p => p.Id).Select(p => p.Reachable
            ? Invariant($"{p.Id}:{p.Role} term={p.Term} last={p.LastIndex} commit={p.CommitIndex} applied={p.AppliedIndex} snapshot={p.SnapshotIndex}")
            : Invariant($"{p.Id}:unreachable"));
        return string.Join(" | ", peers.Prepend(cluster));
    }

    public static string Known(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public static string Rate(double? perSecond) => perSecond?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";

    public static string Milliseconds(double? milliseconds) => milliseconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

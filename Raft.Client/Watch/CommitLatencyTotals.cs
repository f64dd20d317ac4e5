using System.Globalization;

namespace Raft.Client.Watch;

/// <summary>
/// One peer's running totals of <c>raft_commit_latency_milliseconds</c>, the histogram a silo serves at
/// <c>/metrics</c> (Prometheus text, cumulative): the sum of every commit latency recorded and how many. Two
/// readings of the same peer give the mean latency of the proposals it committed in between.
/// </summary>
internal readonly record struct CommitLatencyTotals(double SumMilliseconds, long Count)
{
    private const string Metric = "raft_commit_latency_milliseconds";

    /// <summary>The peer's totals in a scrape, or null when the text has none for it (no proposal committed there yet).</summary>
    public static CommitLatencyTotals? Parse(string prometheusText, long peerId)
    {
        ArgumentNullException.ThrowIfNull(prometheusText);
        var peerLabel = $"peer=\"{peerId.ToString(CultureInfo.InvariantCulture)}\"";
        double? sum = null;
        long? count = null;
        foreach (var line in prometheusText.Split('\n'))
        {
            // Samples look like: raft_commit_latency_milliseconds_sum{otel_scope_name="RaftOrleans",peer="2"} 12.5 [timestamp]
            var labelsEnd = line.IndexOf('}', StringComparison.Ordinal);
            if (labelsEnd < 0 || !line.AsSpan(0, labelsEnd).Contains(peerLabel, StringComparison.Ordinal)) continue;
            if (line.StartsWith(Metric + "_sum{", StringComparison.Ordinal)) sum = Value(line, labelsEnd);
            else if (line.StartsWith(Metric + "_count{", StringComparison.Ordinal)) count = (long?)Value(line, labelsEnd);
        }
        return sum is { } s && count is { } c ? new CommitLatencyTotals(s, c) : null;
    }

    /// <summary>The mean latency of the commits since <paramref name="earlier"/>, or null when there were none (or the counter restarted).</summary>
    public double? MeanSince(CommitLatencyTotals earlier) =>
        Count > earlier.Count && SumMilliseconds >= earlier.SumMilliseconds ? (SumMilliseconds - earlier.SumMilliseconds) / (Count - earlier.Count) : null;

    private static double? Value(string line, int labelsEnd)
    {
        var fields = line[(labelsEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}

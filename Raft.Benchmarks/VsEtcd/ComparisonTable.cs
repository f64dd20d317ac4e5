using System.Globalization;
using System.Text;
using Raft.Benchmarks.HttpLoad;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// The comparison as one markdown table: a row per load and figure (ops/s, p50, p99; a row of failed
/// operations where any failed), the failover median, and the members' RSS, with a column per baseline (etcd,
/// dotNext), one for ours, and one ratio per baseline, ours/etcd and ours/dotNext (above 1 is better for ours in
/// ops/s, worse in milliseconds and MiB). A caption line above it says how it was measured.
/// </summary>
internal static class ComparisonTable
{
    public static string Format(VsEtcdOptions options, IReadOnlyList<LoadSpec> loads, IReadOnlyList<SystemFigures> baselines, SystemFigures ours)
    {
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture,
            $"{options.Operations:N0} operations per run after {options.WarmUpOperations:N0} unmeasured, median of {options.Runs} run{(options.Runs == 1 ? "" : "s")}; ")
            .Append(CultureInfo.InvariantCulture, $"{LoadKeys.KeyBytes}-byte keys, {LoadKeys.ValueBytes}-byte values, HTTP/1.1; ")
            .Append(CultureInfo.InvariantCulture, $"failover: median of {options.Trials} trial{(options.Trials == 1 ? "" : "s")}, a write times out after {options.AttemptTimeout.TotalMilliseconds:F0} ms\n\n");
        SystemFigures[] systems = [.. baselines, ours];
        Line(table, "measurement", systems.Select(s => s.Heading), baselines.Select(b => $"ours/{b.Name}"));
        table.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", systems.Length + baselines.Count))).Append('\n');
        for (var i = 0; i < loads.Count; i++)
        {
            var results = systems.Select(s => s.Loads[i]).ToArray();
            Row(table, $"{loads[i].Label}: ops/s", results.Select(r => r?.OpsPerSecond), Count);
            Row(table, $"{loads[i].Label}: p50 ms", results.Select(r => r?.P50Milliseconds), Milliseconds);
            Row(table, $"{loads[i].Label}: p99 ms", results.Select(r => r?.P99Milliseconds), Milliseconds);
            if (results.Any(r => r?.Failed > 0))
            {
                Line(table, $"{loads[i].Label}: failed operations", results.Select(Failures), baselines.Select(_ => ""));
            }
        }
        Row(table, "failover (SIGKILL the leader → first write acknowledged by a survivor): ms", systems.Select(s => s.FailoverMedianMilliseconds), Milliseconds);
        Line(table, "RSS after the loads: MiB, all members (each)", systems.Select(s => Rss(s.RssKiB)), baselines.Select(b => Ratio(TotalMiB(b.RssKiB), TotalMiB(ours.RssKiB))));
        return table.ToString();
    }

    /// <summary>A row of one figure: a cell per system, ours last, then ours over each baseline.</summary>
    private static void Row(StringBuilder table, string measurement, IEnumerable<double?> values, Func<double, string> format)
    {
        var figures = values.ToArray();
        Line(table, measurement, figures.Select(v => Cell(v, format)), figures[..^1].Select(b => Ratio(b, figures[^1])));
    }

    private static void Line(StringBuilder table, string first, IEnumerable<string> cells, IEnumerable<string> ratios) =>
        table.Append("| ").AppendJoin(" | ", cells.Prepend(first).Concat(ratios)).Append(" |\n");

    private static string Cell(double? value, Func<double, string> format) => value is { } v ? format(v) : "failed";

    private static string Ratio(double? baseline, double? ours) =>
        baseline is > 0 && ours is { } o ? (o / baseline.Value).ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Three significant figures at most, and never fewer decimals than show a sub-millisecond value.</summary>
    private static string Milliseconds(double value) => value switch
    {
        < 10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Failures(LoadResult? result) => result switch
    {
        null => "failed",
        { Failed: 0 } => "0",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{result.Failed:N0} ({string.Join(", ", result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value:N0}"))})"),
    };

    private static double? TotalMiB(IReadOnlyList<long?> rssKiB) =>
        rssKiB.Count > 0 && rssKiB.All(r => r is not null) ? rssKiB.Sum(r => r!.Value) / 1024.0 : null;

    private static string Rss(IReadOnlyList<long?> rssKiB) =>
        TotalMiB(rssKiB) is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{total:N0} ({string.Join(" + ", rssKiB.Select(r => (r!.Value / 1024.0).ToString("N0", CultureInfo.InvariantCulture)))})")
            : "failed";
}

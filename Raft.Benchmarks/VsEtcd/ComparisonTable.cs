using System.Globalization;
using System.Text;
using Raft.Benchmarks.HttpLoad;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// The comparison as one markdown table: a row per load and figure (ops/s, p50, p99; a row of failed
/// operations where any failed), the failover median, and the members' RSS, with etcd's value, ours and
/// ours/etcd (above 1 is better for ours in ops/s, worse in milliseconds and MiB). A caption line above it
/// says how it was measured.
/// </summary>
internal static class ComparisonTable
{
    public static string Format(VsEtcdOptions options, IReadOnlyList<LoadSpec> loads, SystemFigures etcd, SystemFigures ours)
    {
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture,
            $"{options.Operations:N0} operations per run after {options.WarmUpOperations:N0} unmeasured, median of {options.Runs} run{(options.Runs == 1 ? "" : "s")}; ")
            .Append(CultureInfo.InvariantCulture, $"{LoadKeys.KeyBytes}-byte keys, {LoadKeys.ValueBytes}-byte values, HTTP/1.1; ")
            .Append(CultureInfo.InvariantCulture, $"failover: median of {options.Trials} trial{(options.Trials == 1 ? "" : "s")}, a write times out after {options.AttemptTimeout.TotalMilliseconds:F0} ms\n\n");
        table.Append(CultureInfo.InvariantCulture, $"| measurement | {etcd.Name} | {ours.Name} | ours/etcd |\n|---|---:|---:|---:|\n");
        for (var i = 0; i < loads.Count; i++)
        {
            var (e, o) = (etcd.Loads[i], ours.Loads[i]);
            Row(table, $"{loads[i].Label}: ops/s", e?.OpsPerSecond, o?.OpsPerSecond, Count);
            Row(table, $"{loads[i].Label}: p50 ms", e?.P50Milliseconds, o?.P50Milliseconds, Milliseconds);
            Row(table, $"{loads[i].Label}: p99 ms", e?.P99Milliseconds, o?.P99Milliseconds, Milliseconds);
            if (e?.Failed > 0 || o?.Failed > 0)
            {
                table.Append(CultureInfo.InvariantCulture, $"| {loads[i].Label}: failed operations | {Failures(e)} | {Failures(o)} | |\n");
            }
        }
        Row(table, "failover (SIGKILL the leader → first write acknowledged by a survivor): ms", etcd.FailoverMedianMilliseconds, ours.FailoverMedianMilliseconds, Milliseconds);
        table.Append(CultureInfo.InvariantCulture,
            $"| RSS after the loads: MiB, all members (each) | {Rss(etcd.RssKiB)} | {Rss(ours.RssKiB)} | {Ratio(TotalMiB(etcd.RssKiB), TotalMiB(ours.RssKiB))} |\n");
        return table.ToString();
    }

    private static void Row(StringBuilder table, string measurement, double? etcd, double? ours, Func<double, string> format) =>
        table.Append(CultureInfo.InvariantCulture, $"| {measurement} | {Cell(etcd, format)} | {Cell(ours, format)} | {Ratio(etcd, ours)} |\n");

    private static string Cell(double? value, Func<double, string> format) => value is { } v ? format(v) : "failed";

    private static string Ratio(double? etcd, double? ours) =>
        etcd is > 0 && ours is { } o ? (o / etcd.Value).ToString("0.00", CultureInfo.InvariantCulture) : "–";

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

using System.Globalization;
using Raft.Client.Bench;

namespace Raft.Client.Output;

/// <summary>The bench report as a few lines of text, numbers in the invariant culture.</summary>
internal static class BenchReportRenderer
{
    public static IEnumerable<string> Lines(BenchReport report)
    {
        yield return Invariant($"operations: {report.Operations} (writes {report.Writes}, reads {report.Reads}), concurrency {report.Concurrency}");
        yield return Invariant($"succeeded: {report.Succeeded}, failed: {report.Failed}");
        yield return Invariant($"elapsed: {report.ElapsedSeconds:0.000} s, throughput: {report.OpsPerSecond:0.0} ops/s");
        yield return Invariant($"latency: p50 {report.P50Milliseconds:0.000} ms, p99 {report.P99Milliseconds:0.000} ms, max {report.MaxMilliseconds:0.000} ms");
        yield return report.ErrorsByCode.Count == 0
            ? "errors: none"
            : "errors: " + string.Join(", ", report.ErrorsByCode.Select(e => Invariant($"{e.Key} {e.Value}")));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

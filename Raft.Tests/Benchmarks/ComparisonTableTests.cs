using Raft.Benchmarks.HttpLoad;
using Raft.Benchmarks.VsEtcd;

namespace Raft.Tests.Benchmarks;

// Proves the comparison table's layout on made-up figures: the caption says how it was measured, a column
// per baseline (etcd, dotNext) and one for ours, each load has ops/s, p50 and p99 rows with ours/etcd and
// ours/dotNext ratios, a failed-operations row appears only where something failed, a load or failover that
// could not run reads "failed" with no ratio, and RSS is summed over the members with each one listed.
public sealed class ComparisonTableTests
{
    private static readonly VsEtcdOptions Options = new("e", "d", "r", 2_000, 1, 5, TimeSpan.FromMilliseconds(200));

    private static readonly LoadSpec[] Loads = [new(LoadOperation.Put, 1, Spread: false), new(LoadOperation.LinearizableGet, 16, Spread: false)];

    [Fact]
    public void Format_WritesOneMarkdownTable()
    {
        var etcd = new SystemFigures("etcd", "etcd 3.4.23",
            [new LoadResult(1_000, 0.8, 2.5, 0, new Dictionary<string, long>()), new LoadResult(8_000, 1.9, 4, 0, new Dictionary<string, long>())],
            1_200, [40 * 1024, 41 * 1024, 42 * 1024]);
        var dotNext = new SystemFigures("dotNext", "dotNext 6.12.0",
            [new LoadResult(2_000, 0.4, 1, 0, new Dictionary<string, long>()), new LoadResult(4_000, 3.8, 8, 0, new Dictionary<string, long>())],
            300, [60 * 1024, 61 * 1024, 62 * 1024]);
        var ours = new SystemFigures("RaftOrleans", "RaftOrleans",
            [new LoadResult(500, 1.6, 125, 3, new Dictionary<string, long> { ["timeout"] = 1, ["HTTP 503"] = 2 }), null],
            null, [180 * 1024, 190 * 1024, 200 * 1024]);

        var table = ComparisonTable.Format(Options, Loads, [etcd, dotNext], ours);

        Assert.Equal(
            """
            2,000 operations per run after 200 unmeasured, median of 1 run; 16-byte keys, 256-byte values, HTTP/1.1; failover: median of 5 trials, a write times out after 200 ms

            | measurement | etcd 3.4.23 | dotNext 6.12.0 | RaftOrleans | ours/etcd | ours/dotNext |
            |---|---:|---:|---:|---:|---:|
            | put, 1 client → leader: ops/s | 1,000 | 2,000 | 500 | 0.50 | 0.25 |
            | put, 1 client → leader: p50 ms | 0.80 | 0.40 | 1.60 | 2.00 | 4.00 |
            | put, 1 client → leader: p99 ms | 2.50 | 1.00 | 125 | 50.00 | 125.00 |
            | put, 1 client → leader: failed operations | 0 | 0 | 3 (HTTP 503: 2, timeout: 1) |  |  |
            | linearizable get, 16 clients → leader: ops/s | 8,000 | 4,000 | failed | – | – |
            | linearizable get, 16 clients → leader: p50 ms | 1.90 | 3.80 | failed | – | – |
            | linearizable get, 16 clients → leader: p99 ms | 4.00 | 8.00 | failed | – | – |
            | failover (SIGKILL the leader → first write acknowledged by a survivor): ms | 1,200 | 300 | failed | – | – |
            | RSS after the loads: MiB, all members (each) | 123 (40 + 41 + 42) | 183 (60 + 61 + 62) | 570 (180 + 190 + 200) | 4.63 | 3.11 |

            """.ReplaceLineEndings("\n"),
            table);
    }
}

using System.Globalization;
using Raft.TestCluster;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// One in-process silo on SQLite (Raft.TestCluster) hosting a one-peer group, with snapshots at the silo's
/// default policy or effectively off (thresholds no log reaches), for measurements of what compaction buys.
/// </summary>
internal static class SnapshotBenchCluster
{
    public const string On = "on";
    public const string Off = "off";

    public static Task<Raft.TestCluster.TestCluster> StartAsync(string snapshots)
    {
        var settings = new Dictionary<string, string?>();
        if (snapshots == Off)
        {
            settings["Raft:Snapshots:EntriesThreshold"] = long.MaxValue.ToString(CultureInfo.InvariantCulture);
            settings["Raft:Snapshots:BytesThreshold"] = long.MaxValue.ToString(CultureInfo.InvariantCulture);
        }
        // A long log takes a while to load and apply again: give the restart room.
        return Raft.TestCluster.TestCluster.StartAsync(1, new TestClusterOptions { Settings = settings, WaitTimeout = TimeSpan.FromMinutes(5) });
    }

    public static string Describe(Raft.Core.Node.PeerStatus status) => string.Create(CultureInfo.InvariantCulture,
        $"log {status.LogLength} entries from {status.FirstIndex}, snapshot at {status.SnapshotIndex}, applied {status.Applied}");
}

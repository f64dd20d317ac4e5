using Raft.Benchmarks.HttpLoad;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// What the comparison measured of one system: its name in ratio headings ("etcd") and its column's heading
/// ("etcd 3.4.23", with the version it runs), a result per load (null when the load failed to run), the
/// failover median in milliseconds (null when the trials failed), and each member's RSS in KiB after the
/// loads (null for a member whose process was gone).
/// </summary>
internal sealed record SystemFigures(
    string Name, string Heading, IReadOnlyList<LoadResult?> Loads, double? FailoverMedianMilliseconds, IReadOnlyList<long?> RssKiB);

using Raft.Benchmarks.HttpLoad;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// What the comparison measured of one system: a result per load (null when the load failed to run), the
/// failover median in milliseconds (null when the trials failed), and each member's RSS in KiB after the
/// loads (null for a member whose process was gone).
/// </summary>
internal sealed record SystemFigures(string Name, IReadOnlyList<LoadResult?> Loads, double? FailoverMedianMilliseconds, IReadOnlyList<long?> RssKiB);

using Raft.Core.Snapshots;

namespace Raft.Tests.Core;

/// <summary>
/// When a snapshot is due: the bytes threshold alone always; the entries threshold only once the log since
/// the last snapshot holds LogToSnapshotRatio times that snapshot's bytes, so a large state is not rewritten
/// for every few megabytes of writes; with the ratio 0, the entries threshold alone.
/// </summary>
public sealed class SnapshotPolicyTests
{
    private static readonly SnapshotPolicy Policy = new() { EntriesThreshold = 100, BytesThreshold = 10_000, LogToSnapshotRatio = 2 };

    [Theory]
    [InlineData(99, 500, 0, false)]
    [InlineData(100, 500, 0, true)]
    [InlineData(100, 500, 300, false)]
    [InlineData(100, 600, 300, true)]
    [InlineData(5, 10_000, 1_000_000, true)]
    public void IsDue_WeighsTheLogSinceAgainstTheLastSnapshot(long entries, long bytes, long lastSnapshotBytes, bool due) =>
        Assert.Equal(due, Policy.IsDue(entries, bytes, lastSnapshotBytes));

    [Fact]
    public void RatioZero_IsTheEntriesThresholdAlone() =>
        Assert.True((Policy with { LogToSnapshotRatio = 0 }).IsDue(100, 1, 1_000_000));

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteRatio_IsRefused(double ratio) =>
        Assert.Contains("LogToSnapshotRatio", (Policy with { LogToSnapshotRatio = ratio }).Validate(), StringComparison.Ordinal);
}

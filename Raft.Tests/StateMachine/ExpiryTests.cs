using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves expiry is judged by the log alone: the clock is the largest command timestamp applied, it never
/// goes backward when a leader's clock lags, a key with a TTL disappears (reads, cas and the snapshot) once
/// that clock reaches its expiry, and two instances fed the same entries expire the same keys at the same entry.
/// </summary>
public sealed class ExpiryTests
{
    private const long Start = 1_000_000;

    [Fact]
    public void KeyWithTtl_ExpiresWhenLogTimeReachesIt()
    {
        var harness = new StateMachineHarness(startMs: Start);
        var written = Assert.IsType<CommandResult.Written>(harness.Run(new Operation.Put("k", "v", TtlSeconds: 10)));
        Assert.Equal(new CommandResult.Value("v", written.Version, Start + 10_000), harness.Machine.Read("k"));

        harness.TimestampMs = Start + 9_999;
        Assert.IsType<CommandResult.Value>(harness.Run(new Operation.Get("k")));

        harness.TimestampMs = Start + 10_000;
        Assert.Equal(new CommandResult.NotFound(), harness.Run(new Operation.Get("k")));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("k"));
        Assert.Equal(new CommandResult.VersionMismatch(0), harness.Run(new Operation.Cas("k", written.Version, "late")));
        Assert.Equal(0, harness.Machine.KeyCount);
    }

    [Fact]
    public void Clock_IsTheLargestTimestamp_AndNeverGoesBackward()
    {
        var harness = new StateMachineHarness(startMs: Start);
        harness.TimestampMs = Start + 60_000;
        harness.Run(new Operation.Put("a", "1"));
        Assert.Equal(Start + 60_000, harness.Machine.NowMs);

        // A new leader whose clock is a minute behind: time stays where it was, and its TTLs count from there.
        harness.TimestampMs = Start;
        harness.Run(new Operation.Put("b", "2", TtlSeconds: 5));
        Assert.Equal(Start + 60_000, harness.Machine.NowMs);
        Assert.Equal(new CommandResult.Value("2", harness.LastIndex, Start + 65_000), harness.Machine.Read("b"));
    }

    [Fact]
    public void Read_DoesNotAdvanceTheClock_NorPurge()
    {
        var harness = new StateMachineHarness(startMs: Start);
        harness.Run(new Operation.Put("k", "v", TtlSeconds: 1));
        var before = harness.Machine.WriteSnapshot();
        for (var i = 0; i < 3; i++) harness.Machine.Read("k");
        Assert.Equal(before, harness.Machine.WriteSnapshot());
        Assert.Equal(Start, harness.Machine.NowMs);
    }

    [Fact]
    public void PutWithoutTtl_ClearsAnEarlierTtl()
    {
        var harness = new StateMachineHarness(startMs: Start);
        harness.Run(new Operation.Put("k", "v", TtlSeconds: 1));
        var written = Assert.IsType<CommandResult.Written>(harness.Run(new Operation.Put("k", "forever")));
        harness.TimestampMs = Start + 300_000; // well past the TTL, within the session timeout
        Assert.Equal(new CommandResult.Value("forever", written.Version, null), harness.Run(new Operation.Get("k")));
    }

    [Fact]
    public void SameEntries_ExpireTheSameKeysAtTheSameEntry()
    {
        var first = new StateMachineHarness(startMs: Start);
        var second = new StateMachineHarness(startMs: Start);
        for (var i = 0; i < 40; i++)
        {
            foreach (var harness in new[] { first, second })
            {
                harness.TimestampMs = Start + (i * 700);
                harness.Run(new Operation.Put($"k{i}", "v", TtlSeconds: 1 + (i % 4)));
            }
            Assert.Equal(first.Machine.KeyCount, second.Machine.KeyCount);
            Assert.Equal(first.Machine.WriteSnapshot(), second.Machine.WriteSnapshot());
        }
        // Keys that lived at most 4 s while time moved 0.7 s per entry: only the last few remain.
        Assert.InRange(first.Machine.KeyCount, 1, 6);
    }
}

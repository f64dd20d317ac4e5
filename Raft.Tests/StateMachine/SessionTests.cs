using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves exactly-once semantics (dissertation §6.3): a session's id is its registration entry's index; a
/// retried (session, sequence) changes state once and gets the very same result bytes; a sequence below the
/// result window is refused (<see cref="ResultWindowTests"/> covers the window itself); unknown, zero and expired sessions are refused; expiry follows log time only, is the same on
/// every instance, and the session limit evicts the least recently active session.
/// </summary>
public sealed class SessionTests
{
    private const long Start = 5_000_000;

    [Fact]
    public void RegisterSession_IdIsTheEntryIndex()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(1, harness.SessionId);
        harness.SkipIndex();
        harness.SkipIndex();
        Assert.Equal(4, harness.Register());
        Assert.Equal(2, harness.Machine.SessionCount);
    }

    [Fact]
    public void Retry_OfTheLastCommand_AppliesOnce_AndReturnsTheSameBytes()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.CreateTopic("t"));
        harness.Run(new Operation.PutMessage("t", "only"));

        var take = new Command(harness.SessionId, harness.NextSequence, harness.TimestampMs, new Operation.GetMessage("t"));
        var first = harness.ApplyCommandBytes(take);
        var retry = harness.ApplyCommandBytes(take with { TimestampMs = harness.TimestampMs + 1 });
        Assert.Equal(new CommandResult.Message("only"), ResultCodec.Decode(first));
        Assert.Equal(first, retry);

        var put = new Command(harness.SessionId, take.Sequence + 1, harness.TimestampMs, new Operation.Put("k", "v"));
        var written = harness.ApplyCommandBytes(put);
        Assert.Equal(written, harness.ApplyCommandBytes(put));
        // Still the first write's version: the retry did not write again.
        Assert.Equal(ResultCodec.Decode(written), new CommandResult.Written(((CommandResult.Value)harness.Machine.Read("k")).Version));
    }

    [Fact]
    public void StaleSequence_IsRefused_AndChangesNothing()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { SessionResultWindow = 2 });
        harness.Run(new Operation.Put("k", "1"));
        harness.Run(new Operation.Put("k", "2"));
        harness.Run(new Operation.Put("k", "3"));
        var before = harness.Machine.WriteSnapshot();
        // Sequence 1's result has left the two-result window, so it can no longer be answered, nor applied.
        var stale = new Command(harness.SessionId, 1, harness.TimestampMs, new Operation.Put("k", "old"));
        Assert.Equal(new CommandResult.Invalid("stale sequence"), harness.ApplyCommand(stale));
        Assert.Equal("3", ((CommandResult.Value)harness.Machine.Read("k")).Text);
        CommandCodecTests.AssertSameStateExceptAppliedIndex(before, harness.Machine.WriteSnapshot());
    }

    [Fact]
    public void UnknownOrZeroSession_IsRefused()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.SessionExpired(), harness.ApplyCommand(new Command(999, 1, harness.TimestampMs, new Operation.Put("k", "v"))));
        Assert.IsType<CommandResult.Invalid>(harness.ApplyCommand(new Command(0, 1, harness.TimestampMs, new Operation.Put("k", "v"))));
        Assert.IsType<CommandResult.Invalid>(harness.ApplyCommand(new Command(harness.SessionId, 0, harness.TimestampMs, new Operation.Put("k", "v"))));
        Assert.IsType<CommandResult.Invalid>(harness.ApplyCommand(new Command(harness.SessionId, 1, harness.TimestampMs, new Operation.RegisterSession())));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("k"));
    }

    [Fact]
    public void IdleSession_ExpiresByLogTime_WhileAnActiveOneLives()
    {
        var limits = new StateMachineLimits { SessionTimeoutMs = 60_000 };
        var harness = new StateMachineHarness(limits, Start);
        var idle = harness.SessionId;
        var active = harness.Register();

        for (var t = 10_000; t <= 60_000; t += 10_000)
        {
            harness.TimestampMs = Start + t;
            harness.SessionId = active;
            Assert.IsType<CommandResult.Written>(harness.Run(new Operation.Put("k", $"{t}")));
        }
        // Exactly the timeout: not yet older than NowMs - timeout.
        Assert.Equal(2, harness.Machine.SessionCount);

        harness.TimestampMs = Start + 60_001;
        harness.Run(new Operation.Get("k"));
        Assert.Equal(1, harness.Machine.SessionCount);
        Assert.Equal(new CommandResult.SessionExpired(), harness.ApplyCommand(new Command(idle, 1, harness.TimestampMs, new Operation.Put("k", "late"))));
        Assert.Equal("60000", ((CommandResult.Value)harness.Machine.Read("k")).Text);
    }

    [Fact]
    public void SessionExpiry_IsTheSameOnTwoInstances()
    {
        var limits = new StateMachineLimits { SessionTimeoutMs = 5_000 };
        var first = new StateMachineHarness(limits, Start);
        var second = new StateMachineHarness(limits, Start);
        for (var i = 1; i <= 30; i++)
        {
            foreach (var harness in new[] { first, second })
            {
                harness.TimestampMs = Start + (i * 1_100);
                if (i % 3 == 0) harness.Register();
                else harness.Run(new Operation.Put("k", $"{i}"));
            }
            Assert.Equal(first.Machine.SessionCount, second.Machine.SessionCount);
            Assert.Equal(first.Machine.WriteSnapshot(), second.Machine.WriteSnapshot());
        }
        // Sessions registered every 3.3 s and never used again outlive 5 s idle for at most two registrations.
        Assert.InRange(first.Machine.SessionCount, 2, 3);
    }

    [Fact]
    public void MaxSessions_EvictsTheLeastRecentlyActive()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { MaxSessions = 2 });
        var oldest = harness.SessionId;
        var second = harness.Register();
        harness.SessionId = oldest;
        harness.Run(new Operation.Put("k", "v")); // oldest is now the most recently active
        var third = harness.Register();

        Assert.Equal(2, harness.Machine.SessionCount);
        Assert.Equal(new CommandResult.SessionExpired(), harness.ApplyCommand(new Command(second, 1, harness.TimestampMs, new Operation.Get("k"))));
        Assert.IsType<CommandResult.Value>(harness.ApplyCommand(new Command(oldest, 2, harness.TimestampMs, new Operation.Get("k"))));
        Assert.IsType<CommandResult.Value>(harness.ApplyCommand(new Command(third, 1, harness.TimestampMs, new Operation.Get("k"))));
    }
}

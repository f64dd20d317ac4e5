using Raft.Core.Messages;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves the per-session window of results that lets one client have several commands in flight: sequences
/// arriving out of order within the window each apply once, retries of any recorded sequence return the
/// recorded bytes, an unrecorded sequence below the window is refused and changes nothing, and snapshots
/// carry names and windows so a restored instance writes identical bytes and answers identically.
/// </summary>
public sealed class ResultWindowTests
{
    [Fact]
    public void OutOfOrderSequences_WithinTheWindow_EachApplyOnce_AndRetriesReturnTheRecordedResults()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.CreateTopic("t")); // sequence 1
        var id = harness.SessionId;
        var results = new Dictionary<long, byte[]>();
        foreach (var sequence in new long[] { 4, 2, 5, 3 })
        {
            results[sequence] = harness.ApplyCommandBytes(new Command(id, sequence, harness.TimestampMs, new Operation.PutMessage("t", $"m{sequence}")));
            Assert.Equal(new CommandResult.QueueSuccess(), ResultCodec.Decode(results[sequence]));
        }
        // Retries, in yet another order and with other operations (a retry is matched by sequence alone).
        foreach (var sequence in new long[] { 3, 5, 2, 4, 4 })
        {
            Assert.Equal(results[sequence], harness.ApplyCommandBytes(new Command(id, sequence, harness.TimestampMs, new Operation.PutMessage("t", "again"))));
        }

        // Each message went in once, in the order the entries were applied.
        var taken = Enumerable.Range(6, 5)
            .Select(sequence => harness.ApplyCommand(new Command(id, sequence, harness.TimestampMs, new Operation.GetMessage("t"))))
            .ToArray();
        CommandResult[] expected =
        [
            new CommandResult.Message("m4"), new CommandResult.Message("m2"), new CommandResult.Message("m5"),
            new CommandResult.Message("m3"), new CommandResult.QueueFailure("topic is empty"),
        ];
        Assert.Equal(expected, taken);
    }

    [Fact]
    public void Window_KeepsTheMostRecentResults_AndRefusesUnrecordedSequencesBelowIt()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { SessionResultWindow = 4 });
        var id = harness.SessionId;
        byte[] Apply(long sequence, string value) =>
            harness.ApplyCommandBytes(new Command(id, sequence, harness.TimestampMs, new Operation.Put($"k{sequence}", value)));

        Apply(10, "v");
        var before = harness.Machine.WriteSnapshot();
        // 6 <= 10 - 4: it may have been applied and forgotten, so it must not be applied now.
        Assert.Equal(new CommandResult.Invalid("stale sequence"), ResultCodec.Decode(Apply(6, "v")));
        CommandCodecTests.AssertSameStateExceptAppliedIndex(before, harness.Machine.WriteSnapshot());
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("k6"));

        var seven = Apply(7, "v"); // the lowest sequence still in the window
        Apply(8, "v");
        Apply(9, "v");
        Assert.Equal(seven, Apply(7, "retry"));
        Apply(11, "v"); // five recorded: 7 is evicted, and 7 <= 11 - 4
        Assert.Equal(new CommandResult.Invalid("stale sequence"), ResultCodec.Decode(Apply(7, "retry")));
        Assert.Equal(new CommandResult.Value("v", harness.LastIndex - 5, null), harness.Machine.Read("k7"));
        Assert.IsType<CommandResult.Written>(ResultCodec.Decode(Apply(8, "retry")));
        Assert.Equal("v", ((CommandResult.Value)harness.Machine.Read("k8")).Text);
    }

    [Fact]
    public void SparseSequences_KeepTheirResults_WhileTheWindowHasRoom()
    {
        // The window bounds how many results are kept, not how far apart their sequences are.
        var harness = new StateMachineHarness(new StateMachineLimits { SessionResultWindow = 4 });
        var first = harness.ApplyCommandBytes(new Command(harness.SessionId, 1, harness.TimestampMs, new Operation.Put("k", "1")));
        harness.ApplyCommandBytes(new Command(harness.SessionId, 100, harness.TimestampMs, new Operation.Put("k", "100")));
        Assert.Equal(first, harness.ApplyCommandBytes(new Command(harness.SessionId, 1, harness.TimestampMs, new Operation.Put("k", "again"))));
        Assert.Equal("100", ((CommandResult.Value)harness.Machine.Read("k")).Text);
    }

    [Fact]
    public void Snapshot_WithNamesAndWindows_RoundTripsToIdenticalBytesAndAnswers()
    {
        var limits = new StateMachineLimits { SessionResultWindow = 3 };
        var original = new StateMachineHarness(limits);
        var alice = original.Register("alice");
        var bob = original.Register("bob");
        foreach (var (id, sequence) in new[] { (alice, 3L), (alice, 1L), (bob, 2L), (alice, 5L), (alice, 4L), (bob, 1L) })
        {
            original.ApplyCommand(new Command(id, sequence, original.TimestampMs, new Operation.Put($"{id}-{sequence}", "v")));
        }
        var snapshot = original.Machine.WriteSnapshot();
        var restored = new KeyValueStateMachine(limits);
        restored.RestoreSnapshot(snapshot);
        Assert.Equal(snapshot, restored.WriteSnapshot());
        Assert.Equal(original.Machine.SessionCount, restored.SessionCount);

        Command[] following =
        [
            Command.RegisterSession(original.TimestampMs, "alice"), // the same session on both
            new(alice, 4, original.TimestampMs, new Operation.Get("x")), // recorded
            new(alice, 1, original.TimestampMs, new Operation.Get("x")), // evicted: stale
            new(alice, 2, original.TimestampMs, new Operation.Get("x")), // never applied, but below 5 - 3: stale
            new(alice, 7, original.TimestampMs, new Operation.Put("late", "v")),
            new(alice, 6, original.TimestampMs, new Operation.Put("later", "v")), // out of order, within the window
            new(bob, 2, original.TimestampMs, new Operation.Get("x")), // recorded
            Command.RegisterSession(original.TimestampMs, "carol"),
        ];
        var index = original.LastIndex;
        foreach (var command in following)
        {
            var entry = new Entry(2, ++index, EntryType.Normal, CommandCodec.Encode(command));
            Assert.Equal(original.Machine.Apply(entry).ToArray(), restored.Apply(entry).ToArray());
        }
        Assert.Equal(original.Machine.WriteSnapshot(), restored.WriteSnapshot());
    }

    [Fact]
    public void Limits_DefaultWindowIs128_AndAnEmptyWindowIsRefused()
    {
        Assert.Equal(128, StateMachineLimits.Default.SessionResultWindow);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyValueStateMachine(new StateMachineLimits { SessionResultWindow = 0 }));
    }
}

using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves the limits: keys, values, topics and messages over their UTF-8 byte limits, empty keys and topics,
/// bad TTLs and negative versions are refused with Invalid and change nothing (not even the clock), and the
/// validator the HTTP API calls before proposing gives the same verdict as Apply.
/// </summary>
public sealed class LimitsTests
{
    private static readonly StateMachineLimits _limits = new()
    {
        MaxKeyBytes = 8,
        MaxValueBytes = 16,
        MaxTopicBytes = 4,
        MaxMessageBytes = 6,
        MaxTtlSeconds = 100,
    };

    private static readonly Operation[] _refused =
    [
        new Operation.Put("123456789", "v"),
        new Operation.Put("ключи", "v"), // 5 chars, 10 UTF-8 bytes
        new Operation.Put("", "v"),
        new Operation.Put("k", new string('v', 17)),
        new Operation.Put("k", "v", 0),
        new Operation.Put("k", "v", -5),
        new Operation.Put("k", "v", 101),
        new Operation.Cas("k", -1, "v"),
        new Operation.Cas("k", 0, "€€€€€€"), // 18 bytes
        new Operation.Delete(""),
        new Operation.Get("123456789"),
        new Operation.CreateTopic("topic"),
        new Operation.CreateTopic(""),
        new Operation.PutMessage("t", "1234567"),
        new Operation.GetMessage("tooLong"),
    ];

    [Fact]
    public void OverLimits_AreRefused_AndChangeNothing()
    {
        var harness = new StateMachineHarness(_limits);
        harness.Run(new Operation.Put("k", "v"));
        harness.Run(new Operation.CreateTopic("t"));
        var before = harness.Machine.WriteSnapshot();
        var nowMs = harness.Machine.NowMs;

        harness.TimestampMs += 10_000;
        foreach (var operation in _refused)
        {
            var command = new Command(harness.SessionId, harness.NextSequence, harness.TimestampMs, operation);
            var verdict = CommandValidator.Validate(command, _limits);
            Assert.NotNull(verdict);
            Assert.Equal(verdict, harness.ApplyCommand(command));
        }

        Assert.Equal(nowMs, harness.Machine.NowMs);
        CommandCodecTests.AssertSameStateExceptAppliedIndex(before, harness.Machine.WriteSnapshot());
    }

    [Fact]
    public void AtTheLimits_IsAccepted()
    {
        var harness = new StateMachineHarness(_limits);
        Operation[] accepted =
        [
            new Operation.Put("12345678", new string('v', 16), 100),
            new Operation.Put("ключ", "€€€€€"), // 8 and 15 bytes
            new Operation.CreateTopic("abcd"),
            new Operation.PutMessage("abcd", "123456"),
            new Operation.PutMessage("abcd", ""),
        ];
        foreach (var operation in accepted)
        {
            Assert.Null(CommandValidator.Validate(new Command(harness.SessionId, harness.NextSequence, harness.TimestampMs, operation), _limits));
            Assert.IsNotType<CommandResult.Invalid>(harness.Run(operation));
        }
    }

    [Fact]
    public void Validator_RefusesLoneSurrogatesAndNegativeTimestamps()
    {
        Assert.Equal(
            new CommandResult.Invalid("key is not valid Unicode"),
            CommandValidator.Validate(new Command(1, 1, 0, new Operation.Get("a\uDC00")), StateMachineLimits.Default));
        Assert.Equal(
            new CommandResult.Invalid("timestamp is negative"),
            CommandValidator.Validate(new Command(1, 1, -1, new Operation.Get("a")), StateMachineLimits.Default));
    }

    [Fact]
    public void DefaultLimits_AreTheDocumentedOnes()
    {
        var limits = StateMachineLimits.Default;
        Assert.Equal((1024, 1024 * 1024, 256, 64 * 1024), (limits.MaxKeyBytes, limits.MaxValueBytes, limits.MaxTopicBytes, limits.MaxMessageBytes));
        Assert.Equal(600_000, limits.SessionTimeoutMs);
        Assert.Equal((128, 128), (limits.MaxSessionNameBytes, limits.SessionResultWindow));
        var oneMiB = new Command(1, 1, 0, new Operation.Put(new string('k', 1024), new string('v', 1024 * 1024)));
        Assert.Null(CommandValidator.Validate(oneMiB, limits));
        Assert.NotNull(CommandValidator.Validate(oneMiB with { Operation = new Operation.Put("k", new string('v', (1024 * 1024) + 1)) }, limits));
    }
}

using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves named sessions, which let any silo map a client's own id (HTTP <c>Raft-Client-Id</c>) to one session
/// through the log: registering a live name again returns its id and keeps it alive, also after a snapshot
/// restore; two names are two sessions; a name expired or evicted is free and opens a fresh session; bad names
/// are refused by the validator and by Apply alike, changing nothing.
/// </summary>
public sealed class NamedSessionTests
{
    private const long Start = 3_000_000;

    [Fact]
    public void RegisteringALiveName_ReturnsTheSameSession()
    {
        var harness = new StateMachineHarness();
        var first = harness.Register("alice");
        Assert.Equal(harness.LastIndex, first);
        Assert.Equal(first, harness.Register("alice"));
        Assert.Equal(2, harness.Machine.SessionCount); // the harness's anonymous session and alice

        // The session is the one the client uses: a retry through "another silo" finds its recorded result.
        var put = new Command(first, 1, harness.TimestampMs, new Operation.Put("k", "v"));
        var written = harness.ApplyCommandBytes(put);
        Assert.Equal(first, harness.Register("alice"));
        Assert.Equal(written, harness.ApplyCommandBytes(put));
    }

    [Fact]
    public void RegisteringALiveName_IsIdempotentAcrossSnapshotAndRestore()
    {
        var original = new StateMachineHarness();
        var alice = original.Register("alice");
        var restored = new KeyValueStateMachine(original.Machine.Limits);
        restored.RestoreSnapshot(original.Machine.WriteSnapshot());

        var entry = new Raft.Core.Messages.Entry(1, original.LastIndex + 1, Raft.Core.Messages.EntryType.Normal,
            CommandCodec.Encode(Command.RegisterSession(original.TimestampMs, "alice")));
        var fromRestored = restored.Apply(entry).ToArray();
        Assert.Equal(original.ApplyBytes(entry.Data.ToArray()), fromRestored);
        Assert.Equal(new CommandResult.SessionRegistered(alice), ResultCodec.Decode(fromRestored));
        Assert.Equal(original.Machine.WriteSnapshot(), restored.WriteSnapshot());
    }

    [Fact]
    public void TwoNames_AreTwoSessions_AndAnonymousRegistrationsNeverMatch()
    {
        var harness = new StateMachineHarness();
        var alice = harness.Register("alice");
        var bob = harness.Register("bob");
        Assert.NotEqual(alice, bob);
        Assert.NotEqual(harness.Register(), harness.Register());
        Assert.Equal(5, harness.Machine.SessionCount);
        Assert.Equal((alice, bob), (harness.Register("alice"), harness.Register("bob")));
    }

    [Fact]
    public void AnExpiredName_IsFree_AndOpensAFreshSession()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { SessionTimeoutMs = 60_000 }, Start);
        var first = harness.Register("alice");

        // Registering again counts as activity: alice outlives the timeout measured from her first registration.
        harness.TimestampMs = Start + 50_000;
        Assert.Equal(first, harness.Register("alice"));
        harness.TimestampMs = Start + 100_000;
        Assert.Equal(first, harness.Register("alice"));

        harness.TimestampMs = Start + 160_001;
        var second = harness.Register("alice");
        Assert.Equal(harness.LastIndex, second);
        Assert.NotEqual(first, second);
        Assert.Equal(new CommandResult.SessionExpired(), harness.ApplyCommand(new Command(first, 1, harness.TimestampMs, new Operation.Get("k"))));
        Assert.Equal(second, harness.Register("alice"));
    }

    [Fact]
    public void AnEvictedName_IsFree()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { MaxSessions = 2 });
        var alice = harness.Register("alice"); // the table now holds the harness's session and alice
        harness.Register("bob"); // evicts the harness's session, the least recently active
        harness.Register("carol"); // evicts alice
        var again = harness.Register("alice"); // evicts bob
        Assert.NotEqual(alice, again);
        Assert.Equal(harness.LastIndex, again);
        Assert.Equal(2, harness.Machine.SessionCount);
    }

    [Fact]
    public void EmptyOrNonUnicodeName_IsInvalid_AndChangesNothing()
    {
        // Not theory data: the test runner would turn a lone surrogate into U+FFFD on the way in.
        AssertRefused("", "session name is empty");
        AssertRefused("a\uD800", "session name is not valid Unicode");
    }

    [Fact]
    public void NameOverTheLimit_IsInvalid_AndChangesNothing()
    {
        AssertRefused(new string('n', 129), "session name is over 128 bytes");
        AssertRefused(new string('é', 65), "session name is over 128 bytes"); // 65 chars, 130 UTF-8 bytes

        var harness = new StateMachineHarness();
        var atLimit = new string('é', 64);
        Assert.Null(CommandValidator.Validate(Command.RegisterSession(harness.TimestampMs, atLimit), StateMachineLimits.Default));
        Assert.Equal(harness.LastIndex + 1, harness.Register(atLimit));
        Assert.Equal(128, StateMachineLimits.Default.MaxSessionNameBytes);
    }

    private static void AssertRefused(string name, string reason)
    {
        var harness = new StateMachineHarness(startMs: Start);
        harness.Register("alice");
        var before = harness.Machine.WriteSnapshot();
        var command = Command.RegisterSession(Start + 10_000, name);

        var expected = new CommandResult.Invalid(reason);
        Assert.Equal(expected, CommandValidator.Validate(command, harness.Machine.Limits));
        if (StrictUtf8Encodes(name))
        {
            Assert.Equal(expected, harness.ApplyCommand(command));
            Assert.Equal(Start, harness.Machine.NowMs);
            CommandCodecTests.AssertSameStateExceptAppliedIndex(before, harness.Machine.WriteSnapshot());
        }
    }

    // A lone surrogate cannot be encoded into a log entry at all, so only the validator can see it.
    private static bool StrictUtf8Encodes(string text) => !text.Any(char.IsSurrogate);
}

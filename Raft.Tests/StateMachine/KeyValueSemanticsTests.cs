using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves the key-value semantics: a key's version is the log index of the entry that last wrote it, cas
/// writes only on an exact version match and otherwise reports the current version (0 for a missing key),
/// delete and get report missing keys, and a read through the log agrees with the query path.
/// </summary>
public sealed class KeyValueSemanticsTests
{
    [Fact]
    public void Put_VersionIsTheEntryIndex_AndGrowsWithEveryWrite()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.Written(2), harness.Run(new Operation.Put("a", "1")));
        harness.SkipIndex(); // a leader's no-op at index 3
        Assert.Equal(new CommandResult.Written(4), harness.Run(new Operation.Put("b", "2")));
        Assert.Equal(new CommandResult.Written(5), harness.Run(new Operation.Put("a", "3")));

        Assert.Equal(new CommandResult.Value("3", 5, null), harness.Run(new Operation.Get("a")));
        Assert.Equal(new CommandResult.Value("3", 5, null), harness.Machine.Read("a"));
        Assert.Equal(new CommandResult.Value("2", 4, null), harness.Machine.Read("b"));
        Assert.Equal(6, harness.Machine.AppliedIndex);
    }

    [Fact]
    public void Cas_WritesOnlyWhenTheExpectedVersionIsCurrent()
    {
        var harness = new StateMachineHarness();
        var written = Assert.IsType<CommandResult.Written>(harness.Run(new Operation.Put("k", "one")));

        Assert.Equal(new CommandResult.VersionMismatch(written.Version), harness.Run(new Operation.Cas("k", written.Version + 1, "two")));
        Assert.Equal(new CommandResult.Value("one", written.Version, null), harness.Machine.Read("k"));

        var swapped = Assert.IsType<CommandResult.Written>(harness.Run(new Operation.Cas("k", written.Version, "two")));
        Assert.Equal(harness.LastIndex, swapped.Version);
        Assert.Equal(new CommandResult.Value("two", swapped.Version, null), harness.Machine.Read("k"));

        // The old version no longer matches.
        Assert.Equal(new CommandResult.VersionMismatch(swapped.Version), harness.Run(new Operation.Cas("k", written.Version, "three")));
    }

    [Fact]
    public void Cas_OnAMissingKey_SeesVersionZero()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.VersionMismatch(0), harness.Run(new Operation.Cas("new", 5, "x")));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("new"));
        Assert.Equal(new CommandResult.Written(harness.LastIndex + 1), harness.Run(new Operation.Cas("new", 0, "x")));
        Assert.Equal(new CommandResult.VersionMismatch(harness.LastIndex), harness.Run(new Operation.Cas("new", 0, "y")));
    }

    [Fact]
    public void Delete_RemovesTheKey_AndReportsAMissingOne()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.Put("k", "v"));
        Assert.Equal(new CommandResult.Deleted(), harness.Run(new Operation.Delete("k")));
        Assert.Equal(new CommandResult.NotFound(), harness.Run(new Operation.Delete("k")));
        Assert.Equal(new CommandResult.NotFound(), harness.Run(new Operation.Get("k")));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("k"));
        Assert.Equal(0, harness.Machine.KeyCount);

        // A key written again after a delete starts from the new entry's index.
        Assert.Equal(new CommandResult.Written(harness.LastIndex + 1), harness.Run(new Operation.Put("k", "again")));
    }

    [Fact]
    public void Keys_AreCaseAndNormalizationSensitive()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.Put("Key", "upper"));
        harness.Run(new Operation.Put("é", "composed"));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("key"));
        Assert.Equal(new CommandResult.NotFound(), harness.Machine.Read("e\u0301"));
        Assert.Equal(2, harness.Machine.KeyCount);
    }
}

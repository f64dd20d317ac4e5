using Raft.Simulator.Checking.Linearizability;
using static Raft.Tests.Linearizability.Histories;

namespace Raft.Tests.Linearizability;

/// <summary>
/// How the checker reports: an illegal history's witness names the failing key and its shortest illegal
/// prefix; keys are checked independently (a history illegal for one shared register is legal per key, and
/// a key's verdict does not depend on the others); a spent budget answers Unknown rather than guessing,
/// yet an illegal key still wins over an unfinished one.
/// </summary>
public sealed class CheckerBehaviourTests
{
    /// <summary>The register model without partitioning: the whole history is one register.</summary>
    private sealed class OneRegister : ISequentialModel<string?, RegisterInput, RegisterOutput>
    {
        public string? Init() => null;

        public (bool Ok, string? Next) Step(string? state, RegisterInput input, RegisterOutput? output) =>
            RegisterModel.Instance.Step(state, input, output);
    }

    private static List<Operation<RegisterInput, RegisterOutput>> HealthyKey(string key, int pairs, long start)
    {
        var history = new List<Operation<RegisterInput, RegisterOutput>>();
        for (var i = 0; i < pairs; i++)
        {
            var t = start + i * 20;
            history.Add(Write(key, $"{key}{i}", t, t + 5));
            history.Add(Read(key, $"{key}{i}", t + 10, t + 15));
        }
        return history;
    }

    [Fact]
    public void Witness_NamesTheFailingKey_AndItsShortestIllegalPrefix()
    {
        var history = HealthyKey("a", 30, 0);
        var b = HealthyKey("b", 10, 0);
        // Key b: after ten good pairs, a write completes and a later read still sees the previous value.
        b.Add(Write("b", "new", 300, 305));
        b.Add(Read("b", "b9", 310, 315));
        b.AddRange(HealthyKey("b", 10, 400));
        history.AddRange(b);

        var result = Check(history);

        Assert.Equal(Verdict.Illegal, result.Verdict);
        var witness = Assert.IsType<Witness<RegisterInput, RegisterOutput>>(result.Witness);
        Assert.Equal("b", witness.Partition);
        Assert.Equal(b.Count, witness.PartitionOperations.Count);
        Assert.Equal(22, witness.MinimalPrefix.Count);
        Assert.Equal(new RegisterOutput("b9"), witness.MinimalPrefix[^1].Output);
        Assert.Contains("key b", witness.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Witness_ForAReadOfAValueNeverWritten_IsThatRead()
    {
        var history = HealthyKey("a", 5, 0);
        history.Add(Read("a", "ghost", 200, 210));
        var witness = Check(history).Witness!;
        Assert.Equal(history.Count, witness.MinimalPrefix.Count);
        // The ghost read is illegal on its own once it is first; here it is last by invocation.
        Assert.Equal("ghost", witness.MinimalPrefix[^1].Output!.Value);
    }

    [Fact]
    public void Partitions_MakeKeysIndependent()
    {
        // One shared register would have to hold a's value when b is read as empty.
        var history = new[] { Write("a", "1", 0, 10), Read("b", null, 20, 30), Read("a", "1", 40, 50) };

        Assert.Equal(Verdict.Ok, Check(history).Verdict);
        Assert.Equal(2, Check(history).Partitions);
        Assert.Equal(Verdict.Illegal, LinearizabilityChecker.Check(new OneRegister(), history).Verdict);
    }

    [Fact]
    public void Partitions_EachKeyJudgedAsIfAlone()
    {
        var good = HealthyKey("a", 20, 0);
        var bad = new[] { Write("b", "1", 0, 10), Write("b", "2", 20, 30), Read("b", "1", 40, 50) };
        Assert.Equal(Verdict.Ok, Check(good).Verdict);
        Assert.Equal(Verdict.Illegal, Check(bad).Verdict);
        // Interleaved in either order, the combined history fails on b and only on b.
        Assert.Equal("b", Check([.. good, .. bad]).Witness!.Partition);
        Assert.Equal("b", Check([.. bad, .. good]).Witness!.Partition);
    }

    /// <summary>Many writes in flight at once and a read that forces the search to try their orders.</summary>
    private static List<Operation<RegisterInput, RegisterOutput>> Crowded(string key, int writers)
    {
        var history = new List<Operation<RegisterInput, RegisterOutput>>();
        for (var i = 0; i < writers; i++) history.Add(Write(key, $"w{i}", 0, 1000, client: i));
        history.Add(Read(key, "w0", 2000, 2010));
        return history;
    }

    [Fact]
    public void Budget_Exhausted_Unknown()
    {
        var history = Crowded("x", 12);
        Assert.Equal(Verdict.Ok, Check(history).Verdict);

        var result = Check(history, new CheckBudget { MaxStepsPerPartition = 10 });

        Assert.Equal(Verdict.Unknown, result.Verdict);
        Assert.Equal("x", result.UnknownPartition);
        Assert.Null(result.Witness);
    }

    [Fact]
    public void Budget_ZeroTime_Unknown()
    {
        var result = Check(Crowded("x", 14), new CheckBudget { MaxTime = TimeSpan.Zero });
        Assert.Equal(Verdict.Unknown, result.Verdict);
    }

    [Fact]
    public void Budget_IllegalKeyWinsOverUnfinishedKey()
    {
        var history = Crowded("x", 12);
        history.AddRange([Write("y", "1", 0, 10), Read("y", "ghost", 20, 30)]);
        var result = Check(history, new CheckBudget { MaxStepsPerPartition = 10 });
        Assert.Equal(Verdict.Illegal, result.Verdict);
        Assert.Equal("y", result.Witness!.Partition);
    }

    [Fact]
    public void ManyLongWrites_OverlappingReadsOfAnEarlierWrite_CheckCheaply()
    {
        // A leader cut off from its followers: thirty writes stay in flight for a long time while reads keep
        // seeing the write before them. Trying candidates by call order explores subsets of the thirty
        // (2^30); earliest return first, with reads committed to, goes straight through.
        var history = new List<Operation<RegisterInput, RegisterOutput>> { Write("x", "first", 0, 10) };
        for (var i = 0; i < 30; i++)
        {
            history.Add(Write("x", $"stuck{i}", 20 + 10 * i, 5000, client: 1 + i));
            history.Add(Read("x", "first", 25 + 10 * i, 30 + 10 * i, client: 100 + i));
        }
        history.Add(Read("x", "stuck29", 6000, 6010));

        var result = Check(history, new CheckBudget { MaxStepsPerPartition = 10_000 });

        Assert.Equal(Verdict.Ok, result.Verdict);
    }
}

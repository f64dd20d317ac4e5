using Raft.Simulator.Checking.Linearizability;
using static Raft.Tests.Linearizability.Histories;

namespace Raft.Tests.Linearizability;

/// <summary>
/// The key-value model matches the store's semantics: versions are log indexes the client cannot predict,
/// so any increasing version is accepted for writes, while reads must return exactly the current value and
/// version; cas writes only against the current version (0: absent); delete and not-found agree with
/// presence; a write with an unknown outcome gets its version pinned by the first read that shows it.
/// </summary>
public sealed class KvHistoryTests
{
    private static KvInput Put(string value) => new KvInput.Put("k", value);
    private static readonly KvInput Get = new KvInput.Get("k");
    private static KvInput Cas(long expected, string value) => new KvInput.Cas("k", expected, value);
    private static readonly KvInput Delete = new KvInput.Delete("k");
    private static KvOutput Written(long version) => new KvOutput.Written(version);
    private static KvOutput Value(string text, long version) => new KvOutput.Value(text, version);
    private static readonly KvOutput NotFound = new KvOutput.NotFound();
    private static readonly KvOutput Deleted = new KvOutput.Deleted();
    private static KvOutput Mismatch(long current) => new KvOutput.VersionMismatch(current);

    [Fact]
    public void Sequential_PutGetCasDelete_Ok()
    {
        var result = Check([
            Kv(Get, NotFound, 0, 1), Kv(Put("a"), Written(3), 2, 3), Kv(Get, Value("a", 3), 4, 5),
            Kv(Cas(3, "b"), Written(9), 6, 7), Kv(Cas(3, "c"), Mismatch(9), 8, 9), Kv(Get, Value("b", 9), 10, 11),
            Kv(Delete, Deleted, 12, 13), Kv(Delete, NotFound, 14, 15), Kv(Cas(0, "d"), Written(20), 16, 17),
        ]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void VersionsGoingDown_Illegal()
    {
        Assert.Equal(Verdict.Illegal, Check([Kv(Put("a"), Written(5), 0, 1), Kv(Put("b"), Written(3), 2, 3)]).Verdict);
    }

    [Fact]
    public void VersionsAfterDelete_StillIncrease()
    {
        var history = new[] { Kv(Put("a"), Written(5), 0, 1), Kv(Delete, Deleted, 2, 3), Kv(Put("b"), Written(4), 4, 5) };
        Assert.Equal(Verdict.Illegal, Check(history).Verdict);
    }

    [Fact]
    public void Get_WrongVersion_Illegal()
    {
        Assert.Equal(Verdict.Illegal, Check([Kv(Put("a"), Written(5), 0, 1), Kv(Get, Value("a", 6), 2, 3)]).Verdict);
    }

    [Fact]
    public void StaleGet_AfterCompletedPut_Illegal()
    {
        var result = Check([Kv(Put("a"), Written(5), 0, 1), Kv(Put("b"), Written(7), 2, 3), Kv(Get, Value("a", 5), 4, 5)]);
        Assert.Equal(Verdict.Illegal, result.Verdict);
    }

    [Fact]
    public void Cas_AgainstReplacedVersion_SucceedingIsIllegal()
    {
        var result = Check([Kv(Put("a"), Written(3), 0, 1), Kv(Put("b"), Written(5), 2, 3), Kv(Cas(3, "c"), Written(8), 4, 5)]);
        Assert.Equal(Verdict.Illegal, result.Verdict);
    }

    [Fact]
    public void Cas_ConcurrentWithReplacingPut_MaySucceedFirst()
    {
        var result = Check([Kv(Put("a"), Written(3), 0, 1), Kv(Put("b"), Written(5), 2, 10), Kv(Cas(3, "c"), Written(4), 4, 6), Kv(Get, Value("b", 5), 11, 12)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void Cas_MismatchMustReportCurrentVersion()
    {
        Assert.Equal(Verdict.Ok, Check([Kv(Put("a"), Written(3), 0, 1), Kv(Cas(2, "c"), Mismatch(3), 2, 3)]).Verdict);
        Assert.Equal(Verdict.Illegal, Check([Kv(Put("a"), Written(3), 0, 1), Kv(Cas(2, "c"), Mismatch(4), 2, 3)]).Verdict);
        Assert.Equal(Verdict.Illegal, Check([Kv(Cas(1, "c"), Mismatch(3), 0, 1)]).Verdict);
        Assert.Equal(Verdict.Ok, Check([Kv(Cas(1, "c"), Mismatch(0), 0, 1)]).Verdict);
    }

    [Fact]
    public void UnknownPut_PinnedByGet_ThenExactVersionsRequired()
    {
        var pinned = new[] { Kv(Put("a"), Written(3), 0, 1), Kv(Put("b"), null, 2, 0), Kv(Get, Value("b", 7), 4, 5) };
        Assert.Equal(Verdict.Ok, Check(pinned).Verdict);
        Assert.Equal(Verdict.Illegal, Check([.. pinned, Kv(Get, Value("b", 8), 6, 7)]).Verdict);
        // An unknown put's version still comes after every version the key had.
        Assert.Equal(Verdict.Illegal, Check([Kv(Put("a"), Written(3), 0, 1), Kv(Put("b"), null, 2, 0), Kv(Get, Value("b", 2), 4, 5)]).Verdict);
    }

    [Fact]
    public void UnknownCas_MayHaveWritten()
    {
        var history = new[] { Kv(Put("a"), Written(3), 0, 1), Kv(Cas(3, "b"), null, 2, 0), Kv(Get, Value("b", 6), 4, 5) };
        Assert.Equal(Verdict.Ok, Check(history).Verdict);
        var wrongVersion = new[] { Kv(Put("a"), Written(3), 0, 1), Kv(Cas(2, "b"), null, 2, 0), Kv(Get, Value("b", 6), 4, 5) };
        Assert.Equal(Verdict.Illegal, Check(wrongVersion).Verdict);
    }

    [Fact]
    public void Delete_ThenGet_NotFound()
    {
        Assert.Equal(Verdict.Ok, Check([Kv(Put("a"), Written(3), 0, 1), Kv(Delete, Deleted, 2, 3), Kv(Get, NotFound, 4, 5)]).Verdict);
        Assert.Equal(Verdict.Illegal, Check([Kv(Put("a"), Written(3), 0, 1), Kv(Delete, Deleted, 2, 3), Kv(Get, Value("a", 3), 4, 5)]).Verdict);
        Assert.Equal(Verdict.Illegal, Check([Kv(Delete, Deleted, 0, 1)]).Verdict);
    }

    [Fact]
    public void Keys_AreIndependent()
    {
        // Version 5 on key "k" and version 3 on key "j": only versions of the same key must increase.
        var result = Check([Kv(Put("a"), Written(5), 0, 1), Kv(new KvInput.Put("j", "x"), Written(3), 2, 3), Kv(new KvInput.Get("j"), Value("x", 3), 4, 5)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
        Assert.Equal(2, result.Partitions);
    }
}

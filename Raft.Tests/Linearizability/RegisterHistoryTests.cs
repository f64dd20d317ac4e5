using Raft.Simulator.Checking.Linearizability;
using static Raft.Tests.Linearizability.Histories;

namespace Raft.Tests.Linearizability;

/// <summary>
/// The checker on small register histories whose answer is known by hand: sequential and overlapping
/// histories with a valid order pass, including writes whose outcome the client never learned (they may
/// or may not have taken effect, but never before they were invoked); stale reads, reads of values never
/// written and reads that go backward in time are illegal.
/// </summary>
public sealed class RegisterHistoryTests
{
    [Fact]
    public void Sequential_WritesThenReads_Ok()
    {
        var result = Check([Read("x", null, 0, 1), Write("x", "1", 2, 3), Read("x", "1", 4, 5), Write("x", "2", 6, 7), Read("x", "2", 8, 9)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void Empty_Ok() => Assert.Equal(Verdict.Ok, Check([]).Verdict);

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void OverlappingWrites_ReadDuringBoth_SeesEither(string seen)
    {
        var result = Check([Write("x", "1", 0, 100, client: 1), Write("x", "2", 0, 100, client: 2), Read("x", seen, 50, 60, client: 3)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void OverlappingWrites_ReadsSeeEachInTurn_Ok()
    {
        var result = Check([
            Write("x", "1", 0, 50, client: 1), Write("x", "2", 10, 60, client: 2),
            Read("x", "1", 20, 30, client: 3), Read("x", "2", 40, 70, client: 4),
        ]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void OverlappingWrites_LaterReadsMustAgree()
    {
        // After both writes complete, the register holds one of them for good.
        var history = new[] { Write("x", "1", 0, 100, client: 1), Write("x", "2", 0, 100, client: 2), Read("x", "1", 110, 120), Read("x", "2", 130, 140) };
        Assert.Equal(Verdict.Illegal, Check(history).Verdict);
    }

    [Fact]
    public void TouchingIntervals_AreConcurrent()
    {
        // The read completes at the instant the write is invoked: either order is allowed.
        Assert.Equal(Verdict.Ok, Check([Write("x", "1", 10, 20), Read("x", "1", 0, 10)]).Verdict);
    }

    [Fact]
    public void UnknownWrite_ThatTookEffect_Ok()
    {
        var result = Check([Write("x", "1", 0, 10), UnknownWrite("x", "2", 20), Read("x", "2", 30, 40), Read("x", "2", 500, 510)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void UnknownWrite_ThatNeverTookEffect_Ok()
    {
        var result = Check([Write("x", "1", 0, 10), UnknownWrite("x", "2", 20), Read("x", "1", 30, 40), Read("x", "1", 500, 510)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void UnknownWrite_TakesEffectLate_Ok()
    {
        // Seen long after it was invoked, after reads that did not see it: it took effect in between.
        var result = Check([Write("x", "1", 0, 10), UnknownWrite("x", "2", 20), Read("x", "1", 30, 40), Read("x", "2", 900, 910)]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void UnknownWrite_SeenBeforeItWasInvoked_Illegal()
    {
        Assert.Equal(Verdict.Illegal, Check([Read("x", "2", 0, 10), UnknownWrite("x", "2", 20)]).Verdict);
    }

    [Fact]
    public void UnknownWrite_SeenThenUnseen_Illegal()
    {
        // Once a read saw it, it took effect; a later read cannot see the older value again.
        var result = Check([Write("x", "1", 0, 10), UnknownWrite("x", "2", 20), Read("x", "2", 30, 40), Read("x", "1", 50, 60)]);
        Assert.Equal(Verdict.Illegal, result.Verdict);
    }

    [Fact]
    public void StaleRead_AfterCompletedWrite_Illegal()
    {
        var result = Check([Write("x", "1", 0, 10), Write("x", "2", 20, 30), Read("x", "1", 40, 50)]);
        Assert.Equal(Verdict.Illegal, result.Verdict);
    }

    [Fact]
    public void ReadOfEmpty_AfterCompletedWrite_Illegal()
    {
        Assert.Equal(Verdict.Illegal, Check([Write("x", "1", 0, 10), Read("x", null, 20, 30)]).Verdict);
    }

    [Fact]
    public void ReadOfValueNeverWritten_Illegal()
    {
        Assert.Equal(Verdict.Illegal, Check([Write("x", "1", 0, 10), Read("x", "ghost", 20, 30)]).Verdict);
    }

    [Fact]
    public void TwoReads_GoingBackwardInTime_Illegal()
    {
        // The second write is in flight during both reads; once one read sees it, no later read may not.
        var result = Check([
            Write("x", "1", 0, 10, client: 1), Write("x", "2", 20, 100, client: 2),
            Read("x", "2", 30, 40, client: 3), Read("x", "1", 50, 60, client: 4),
        ]);
        Assert.Equal(Verdict.Illegal, result.Verdict);
    }

    [Fact]
    public void TwoReads_ConcurrentWithEachOther_MaySeeEitherOrder()
    {
        // The same values as the backward case, but the reads overlap, so 1 then 2 is a valid order.
        var result = Check([
            Write("x", "1", 0, 10, client: 1), Write("x", "2", 20, 100, client: 2),
            Read("x", "2", 30, 55, client: 3), Read("x", "1", 50, 60, client: 4),
        ]);
        Assert.Equal(Verdict.Ok, result.Verdict);
    }

    [Fact]
    public void CompleteBeforeInvoke_Rejected()
    {
        Assert.Throws<ArgumentException>(() => Check([Write("x", "1", 10, 5)]));
    }
}

using Raft.Grains.Client;

namespace Raft.Tests.Grains;

/// <summary>
/// Proves how the client grain learns from its silo's own peers that the leader it is calling was replaced:
/// only news reported after a wait begins counts, "nobody leads" and the same leader are no news, and a call
/// still waiting when another leader is reported is cancelled and answered by the new leader's id, while a
/// call that answers first is returned as it is. Calls are stand-ins completed by hand, so nothing waits on
/// time.
/// </summary>
public sealed class LocalLeaderNewsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Wait_CompletesWithTheFirstOtherLeaderReportedAfterItBegan()
    {
        var news = new LocalLeaderNews();
        news.Report(3);
        var wait = news.NextLeaderOtherThanAsync(1, Token);
        Assert.False(wait.IsCompleted);

        news.Report(0);
        news.Report(1);
        Assert.False(wait.IsCompleted);

        news.Report(2);
        Assert.Equal(2, await wait);
    }

    [Fact]
    public async Task Wait_EndsWithItsToken()
    {
        var news = new LocalLeaderNews();
        using var cancel = new CancellationTokenSource();
        var wait = news.NextLeaderOtherThanAsync(1, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Call_AnotherLeaderReportedFirst_IsCancelledAndAnsweredByTheNewLeader()
    {
        var news = new LocalLeaderNews();
        var call = new HandCompletedCall();
        var result = news.CallUnlessReplacedAsync(1, call.Start, Token);
        Assert.False(result.IsCompleted);

        news.Report(1);
        Assert.False(result.IsCompleted);
        news.Report(2);

        Assert.Equal((null, 2), await result);
        Assert.True(call.Token.IsCancellationRequested);
        // The abandoned call failing later is observed, not thrown anywhere.
        call.Fail(new InvalidOperationException("the old leader's silo is gone"));
    }

    [Fact]
    public async Task Call_AnsweredFirst_ReturnsTheAnswer()
    {
        var news = new LocalLeaderNews();
        var call = new HandCompletedCall();
        var result = news.CallUnlessReplacedAsync(1, call.Start, Token);

        call.Answer("applied");

        Assert.Equal(("applied", 0), await result);
    }

    [Fact]
    public async Task Call_ThatFails_ThrowsItsException()
    {
        var news = new LocalLeaderNews();
        var call = new HandCompletedCall();
        var result = news.CallUnlessReplacedAsync(1, call.Start, Token);

        call.Fail(new TimeoutException("no answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => result);
    }

    private sealed class HandCompletedCall
    {
        private readonly TaskCompletionSource<string> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken Token { get; private set; }

        public Task<string> Start(CancellationToken cancellationToken)
        {
            Token = cancellationToken;
            return _answer.Task;
        }

        public void Answer(string answer) => _answer.SetResult(answer);

        public void Fail(Exception exception) => _answer.SetException(exception);
    }
}

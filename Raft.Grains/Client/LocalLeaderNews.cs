namespace Raft.Grains.Client;

/// <summary>
/// Who this silo's own peers last heard leads, as they learn it. A client grain's call to a leader whose silo
/// died without a word has no answer until Orleans declares that silo dead (about a second) or the call's own
/// deadline passes, while a local follower learns of the new leader within an election timeout: the client
/// grain waits on both and, when news of another leader comes first, abandons the call and retries there with
/// the same bytes, which the session table makes safe (dissertation §6.3).
/// </summary>
/// <remarks>
/// Only news that arrives after a wait begins counts: a peer reports on every change of role, term or leader,
/// so a stale leader already known does not cut short a call to a newer one. At worst news of a leader that
/// is itself about to be replaced costs one not-leader hop.
/// </remarks>
public sealed class LocalLeaderNews
{
    private readonly Lock _lock = new();

    // The news so far as a chain: each item completes with the leader reported and the item after it, so a
    // waiter that wakes late still sees every report made since it began, in order.
    private TaskCompletionSource<News> _next = NewItem();

    private sealed record News(int Leader, Task<News> Next);

    /// <summary>From a local peer's turn, when it learns who leads (<paramref name="leader"/> 0: nobody known yet, no news).</summary>
    public void Report(int leader)
    {
        if (leader == 0) return;
        var next = NewItem();
        TaskCompletionSource<News> reached;
        lock (_lock)
        {
            reached = _next;
            _next = next;
        }
        reached.SetResult(new News(leader, next.Task));
    }

    /// <summary>
    /// Calls <paramref name="leader"/> and returns its answer, unless a local peer reports another leader first:
    /// then the call's token is cancelled, its outcome ignored, and the new leader returned instead.
    /// </summary>
    public async Task<(T? Answer, int NewLeader)> CallUnlessReplacedAsync<T>(int leader, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var answer = call(abandon.Token);
        var news = NextLeaderOtherThanAsync(leader, abandon.Token);
        var first = await Task.WhenAny(answer, news).ConfigureAwait(false);
        // Cancels the loser: the wait for news, or the call to a leader that is gone (its silo may answer never).
        await abandon.CancelAsync().ConfigureAwait(false);
        if (first == news && news.IsCompletedSuccessfully)
        {
            answer.Ignore();
            return (null, news.Result);
        }
        return (await answer.ConfigureAwait(false), 0);
    }

    /// <summary>Completes with the first leader other than <paramref name="leader"/> that a local peer reports from now on.</summary>
    public async Task<int> NextLeaderOtherThanAsync(int leader, CancellationToken cancellationToken)
    {
        Task<News> next;
        lock (_lock) next = _next.Task;
        while (true)
        {
            var news = await next.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (news.Leader != leader) return news.Leader;
            next = news.Next;
        }
    }

    private static TaskCompletionSource<News> NewItem() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

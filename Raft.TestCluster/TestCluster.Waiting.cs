using Raft.Core.Node;

namespace Raft.TestCluster;

/// <summary>Waiting on conditions: polled, bounded, and failing with the cluster's status.</summary>
public sealed partial class TestCluster
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws a TimeoutException naming <paramref name="what"/> and the cluster's state.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? Options.WaitTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await condition().ConfigureAwait(false)) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {limit.TotalSeconds:F0} s; cluster:\n{await DescribeAsync().ConfigureAwait(false)}");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until the running peers (or those on <paramref name="among"/>) agree on one leader in one term,
    /// and returns it with its silo.
    /// </summary>
    public async Task<(TestSilo Silo, PeerStatus Status)> WaitForLeaderAsync(IEnumerable<TestSilo>? among = null, TimeSpan? timeout = null)
    {
        var group = (among ?? _silos).ToArray();
        (TestSilo Silo, PeerStatus Status) found = default;
        await WaitUntilAsync(async () =>
        {
            var statuses = (await StatusesAsync().ConfigureAwait(false)).Where(s => group.Contains(s.Silo)).ToArray();
            var leaders = statuses.Where(s => s.Status.Role == RaftRole.Leader).OrderByDescending(s => s.Status.Term).ToArray();
            if (leaders.Length == 0) return false;
            var leader = leaders[0];
            var followers = statuses.Count(s => s.Status.Term == leader.Status.Term && s.Status.Leader == leader.Status.Id);
            if (followers < statuses.Length) return false;
            found = leader;
            return true;
        }, "a leader acknowledged by every running peer", timeout).ConfigureAwait(false);
        return found;
    }

    /// <summary>The peer that believes it leads in the highest term, if any.</summary>
    public async Task<(TestSilo Silo, PeerStatus Status)?> GetLeaderAsync()
    {
        var leaders = (await StatusesAsync().ConfigureAwait(false)).Where(s => s.Status.Role == RaftRole.Leader).OrderByDescending(s => s.Status.Term);
        return leaders.Select(l => ((TestSilo, PeerStatus)?)l).FirstOrDefault();
    }

    /// <summary>Waits until every running peer has applied at least <paramref name="index"/>.</summary>
    public Task WaitForAppliedAsync(long index, IEnumerable<TestSilo>? among = null, TimeSpan? timeout = null)
    {
        var group = (among ?? _silos).ToArray();
        return WaitUntilAsync(async () =>
            (await StatusesAsync().ConfigureAwait(false)).Where(s => group.Contains(s.Silo)).All(s => s.Status.Applied >= index),
            $"every running peer applied index {index}", timeout);
    }
}

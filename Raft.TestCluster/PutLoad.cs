using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.TestCluster;

/// <summary>
/// Many puts through one silo's client grain, a bounded number in flight, for tests and measurements that
/// need a long log: put i writes "v{offset+i}" to key "k{(offset+i) % keys}".
/// </summary>
public static class PutLoad
{
    /// <summary>Returns the highest version written (the log index of the last put to apply). Throws on any put that was not written.</summary>
    public static async Task<long> WriteAsync(TestSilo via, int count, int keys, int concurrency = 32, int offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(concurrency);
        var client = via.Client;
        var next = -1;
        long highest = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var n = offset + i;
                var outcome = await client.SubmitAsync(new Operation.Put($"k{n % keys}", $"v{n}"), null, cancellationToken).ConfigureAwait(false);
                if (outcome.Result is not CommandResult.Written written)
                    throw new InvalidOperationException($"put {n} was not written: {outcome}");
                long seen;
                while ((seen = Interlocked.Read(ref highest)) < written.Version
                    && Interlocked.CompareExchange(ref highest, written.Version, seen) != seen)
                {
                }
            }
        })).ConfigureAwait(false);
        return highest;
    }
}

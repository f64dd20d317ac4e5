using System.Collections.Concurrent;
using System.Diagnostics;
using Raft.Core.Node;
using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Nemesis;

/// <summary>
/// Jepsen-style clients: each runs put, get and compare-and-swap on a few keys with unique values, one
/// operation at a time, and now and then enqueues a unique message, recording every operation with its
/// invocation and completion time and its outcome (ok, or unknown). The history is what the linearizability
/// checker judges; the messages tell whether anything was applied twice.
/// </summary>
internal sealed class KvWorkload(int clients, int keys, ulong seed)
{
    public const string Topic = "nemesis";
    private readonly ConcurrentBag<Operation<KvInput, KvOutput>> _history = [];
    private readonly ConcurrentBag<string> _acknowledgedMessages = [];
    private readonly ConcurrentBag<string> _unknownMessages = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<Operation<KvInput, KvOutput>> History => _history.OrderBy(o => o.InvokeTime).ToArray();

    public IReadOnlyCollection<string> AcknowledgedMessages => _acknowledgedMessages;

    public IReadOnlyCollection<string> UnknownMessages => _unknownMessages;

    public int Acknowledged => _history.Count(o => o.Output is not null && o.Input is not KvInput.Get);

    public int Unknown => _history.Count(o => o.Output is null);

    private long Now => _clock.ElapsedTicks;

    /// <summary>Runs every client until <paramref name="duration"/> passes; <paramref name="clientFor"/> picks a door per operation.</summary>
    public Task RunAsync(Func<int, IKvClient> clientFor, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientLoopAsync(c, clientFor, duration, cancellationToken), cancellationToken)));

    private async Task ClientLoopAsync(int client, Func<int, IKvClient> clientFor, TimeSpan duration, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(seed * 7919UL + (ulong)client);
        var lastVersion = new Dictionary<string, long>();
        var sequence = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var key = $"k{random.Next(keys)}";
            var door = clientFor(client);
            var roll = random.Next(10);
            if (roll < 4)
            {
                var value = $"c{client}-{sequence++}";
                await RecordAsync(client, new KvInput.Put(key, value), () => door.PutAsync(key, value, cancellationToken), lastVersion).ConfigureAwait(false);
            }
            else if (roll < 7)
            {
                await RecordAsync(client, new KvInput.Get(key), () => door.GetAsync(key, cancellationToken), lastVersion).ConfigureAwait(false);
            }
            else if (roll < 9)
            {
                var value = $"c{client}-{sequence++}";
                var expected = lastVersion.GetValueOrDefault(key);
                await RecordAsync(client, new KvInput.Cas(key, expected, value), () => door.CasAsync(key, expected, value, cancellationToken), lastVersion).ConfigureAwait(false);
            }
            else
            {
                var message = $"m{client}-{sequence++}";
                var acknowledged = await door.EnqueueAsync(Topic, message, cancellationToken).ConfigureAwait(false);
                if (acknowledged == true) _acknowledgedMessages.Add(message);
                else if (acknowledged is null) _unknownMessages.Add(message);
            }
        }
    }

    private async Task RecordAsync(int client, KvInput input, Func<Task<KvOutput?>> call, Dictionary<string, long> lastVersion)
    {
        var invoked = Now;
        var output = await call().ConfigureAwait(false);
        var completed = Now;
        if (output is NotApplied) return;
        if (output is null)
        {
            // A read that failed had no effect; a write that failed may yet apply.
            if (input is not KvInput.Get) _history.Add(Operation.Unknown<KvInput, KvOutput>(client, input, invoked));
            return;
        }
        _history.Add(Operation.Completed(client, input, output, invoked, completed));
        var version = output switch
        {
            KvOutput.Written w => w.Version,
            KvOutput.Value v => v.Version,
            KvOutput.VersionMismatch m => m.Current,
            _ => 0,
        };
        lastVersion[input.Key] = version;
    }

    /// <summary>Records the final reads, after the faults heal, as part of the history.</summary>
    public async Task ReadAllAsync(IKvClient door, CancellationToken cancellationToken)
    {
        for (var k = 0; k < keys; k++)
        {
            var key = $"k{k}";
            await RecordAsync(-1, new KvInput.Get(key), () => door.GetAsync(key, cancellationToken), []).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The verdict: the history is linearizable per key, every final read answered, every acknowledged
    /// message dequeued exactly once, every message at most once. Returns null, or why it failed.
    /// </summary>
    public string? Verify(IReadOnlyList<string> drained)
    {
        var history = History;
        var finalReads = history.Count(o => o.ClientId == -1);
        if (finalReads < keys) return $"only {finalReads} of {keys} final reads were answered after healing";
        var result = LinearizabilityChecker.Check(KvModel.Instance, history, new CheckBudget { MaxTime = TimeSpan.FromSeconds(60) });
        if (result.Verdict == Verdict.Illegal) return $"not linearizable: {result.Witness}";
        if (result.Verdict == Verdict.Unknown) return $"linearizability undecided: {result}";
        var twice = drained.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (twice.Length > 0) return $"applied twice: {string.Join(", ", twice)}";
        var lost = _acknowledgedMessages.Except(drained).ToArray();
        if (lost.Length > 0) return $"acknowledged but lost: {string.Join(", ", lost)}";
        var invented = drained.Except(_acknowledgedMessages).Except(_unknownMessages).ToArray();
        if (invented.Length > 0) return $"dequeued messages nobody sent: {string.Join(", ", invented)}";
        return null;
    }
}

using Raft.Core.Messages;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves determinism on a seeded random stream of commands (several sessions and clients, retries, stale and
/// unknown sessions, TTLs, a leader clock that jumps back and forth, malformed bytes): two instances produce
/// identical result bytes and snapshot bytes, and a third restored from a mid-stream snapshot of the first
/// continues with identical results. The seed is printed in the assertion message so a failure replays.
/// </summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20251122)]
    public void SameRandomStream_SameResultsAndSnapshots(int seed)
    {
        var limits = new StateMachineLimits { SessionTimeoutMs = 20_000, MaxSessions = 6, MaxValueBytes = 64 };
        var first = new KeyValueStateMachine(limits);
        var second = new KeyValueStateMachine(limits);
        KeyValueStateMachine? restored = null;
        var resultsSeen = new HashSet<ResultCode>();

        foreach (var entry in RandomEntries(seed, 3_000))
        {
            var a = first.Apply(entry).ToArray();
            var b = second.Apply(entry).ToArray();
            Assert.True(a.AsSpan().SequenceEqual(b), $"seed {seed}: results differ at index {entry.Index}");
            if (restored is not null)
            {
                Assert.True(a.AsSpan().SequenceEqual(restored.Apply(entry).Span), $"seed {seed}: restored instance differs at index {entry.Index}");
            }
            if (a.Length > 0) resultsSeen.Add(ResultCodec.Decode(a).Code);
            if (entry.Index == 1_500)
            {
                restored = new KeyValueStateMachine(limits);
                restored.RestoreSnapshot(first.WriteSnapshot());
            }
        }

        Assert.Equal(first.WriteSnapshot(), second.WriteSnapshot());
        Assert.Equal(first.WriteSnapshot(), restored!.WriteSnapshot());
        // The stream must have exercised the interesting paths, or the comparison proves little.
        foreach (var code in Enum.GetValues<ResultCode>()) Assert.Contains(code, resultsSeen);
    }

    private static IEnumerable<Entry> RandomEntries(int seed, int count)
    {
        var random = new Random(seed);
        var sessions = new List<(long Id, long Sequence)>();
        string[] keys = ["a", "b", "c", "d", "e"];
        string[] topics = ["t1", "t2", "t3"];
        var clockMs = 1_000_000L;
        Command? last = null;

        for (var index = 1L; index <= count; index++)
        {
            // The leader's clock mostly moves forward a little, sometimes jumps back (a new leader lagging).
            clockMs += random.Next(10) == 0 ? -random.Next(5_000) : random.Next(0, 800);
            var roll = random.Next(100);
            if (roll < 3)
            {
                yield return new Entry(1, index, EntryType.NoOp, ReadOnlyMemory<byte>.Empty);
                continue;
            }
            if (roll < 6)
            {
                var garbage = new byte[random.Next(0, 40)];
                random.NextBytes(garbage);
                yield return new Entry(1, index, EntryType.Normal, garbage);
                continue;
            }
            Command command;
            if (sessions.Count == 0 || roll < 12)
            {
                command = Command.RegisterSession(clockMs);
                sessions.Add((index, 0));
            }
            else if (roll < 17 && last is not null)
            {
                command = last with { TimestampMs = clockMs }; // a client retry
            }
            else if (roll < 19)
            {
                command = new Command(random.Next(1, (int)index + 5), random.Next(0, 4), clockMs, new Operation.Get("a"));
            }
            else
            {
                var slot = random.Next(sessions.Count);
                var (id, sequence) = sessions[slot];
                sequence += random.Next(20) == 0 ? -1 : 1; // now and then a stale sequence
                sessions[slot] = (id, Math.Max(sequence, 1));
                command = new Command(id, sequence, clockMs, RandomOperation(random, keys, topics));
            }
            last = command;
            yield return new Entry(1, index, EntryType.Normal, CommandCodec.Encode(command));
        }
    }

    private static Operation RandomOperation(Random random, string[] keys, string[] topics)
    {
        var key = keys[random.Next(keys.Length)];
        var topic = topics[random.Next(topics.Length)];
        long? ttl = random.Next(3) == 0 ? random.Next(1, 8) : null;
        return random.Next(10) switch
        {
            0 => new Operation.Put(key, new string('v', random.Next(0, 80)), ttl),
            1 => new Operation.Cas(key, random.Next(0, 3) == 0 ? 0 : random.Next(0, 3_000), $"cas{random.Next(100)}", ttl),
            2 => new Operation.Delete(key),
            3 => new Operation.Get(key),
            4 => new Operation.CreateTopic(topic),
            5 => new Operation.ListTopics(),
            6 or 7 => new Operation.PutMessage(topic, $"m{random.Next(1000)}"),
            _ => new Operation.GetMessage(topic),
        };
    }
}

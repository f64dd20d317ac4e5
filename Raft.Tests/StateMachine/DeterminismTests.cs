using Raft.Core.Messages;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves determinism on a seeded random stream of commands (several sessions and clients, named and anonymous,
/// sequences out of order within and below the result window, retries, unknown sessions, TTLs, a leader clock
/// that jumps back and forth, malformed bytes): two instances produce identical result bytes and snapshot bytes, and a third restored from a mid-stream snapshot of the first
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
        var limits = new StateMachineLimits { SessionTimeoutMs = 20_000, MaxSessions = 6, MaxValueBytes = 64, SessionResultWindow = 6 };
        var first = new KeyValueStateMachine(limits);
        var second = new KeyValueStateMachine(limits);
        KeyValueStateMachine? restored = null;
        var resultsSeen = new HashSet<ResultCode>();
        var feedback = new Feedback();
        var (namedAgain, stale) = (0, 0);

        foreach (var entry in RandomEntries(seed, 3_000, feedback))
        {
            var a = first.Apply(entry).ToArray();
            feedback.LastResult = a;
            var b = second.Apply(entry).ToArray();
            Assert.True(a.AsSpan().SequenceEqual(b), $"seed {seed}: results differ at index {entry.Index}");
            if (restored is not null)
            {
                Assert.True(a.AsSpan().SequenceEqual(restored.Apply(entry).Span), $"seed {seed}: restored instance differs at index {entry.Index}");
            }
            var result = a.Length > 0 ? ResultCodec.Decode(a) : null;
            if (result is not null) resultsSeen.Add(result.Code);
            if (result is CommandResult.SessionRegistered registered && registered.SessionId != entry.Index) namedAgain++;
            if (result is CommandResult.Invalid { Reason: "stale sequence" }) stale++;
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
        Assert.True(namedAgain > 0, $"seed {seed}: no name was registered again while live");
        Assert.True(stale > 0, $"seed {seed}: no sequence fell below the window");
    }

    /// <summary>
    /// The stream clients and leaders would produce. It reads each registration's result from
    /// <paramref name="feedback"/> (filled by the caller before asking for the next entry), as a real client
    /// learns its session id, so named clients keep using the session their name maps to.
    /// </summary>
    private static IEnumerable<Entry> RandomEntries(int seed, int count, Feedback feedback)
    {
        var random = new Random(seed);
        var clients = new List<SimulatedClient>();
        string[] names = ["alice", "bob", "carol", "dave"];
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
            if (clients.Count == 0 || roll < 12)
            {
                // Half anonymous, half named from a small pool (so names repeat, expire and come back), rarely too long.
                var name = random.Next(2) == 0 ? null : random.Next(30) == 0 ? new string('n', 129) : names[random.Next(names.Length)];
                command = Command.RegisterSession(clockMs, name);
                last = command;
                yield return new Entry(1, index, EntryType.Normal, CommandCodec.Encode(command));
                if (ResultCodec.Decode(feedback.LastResult) is CommandResult.SessionRegistered registered
                    && !clients.Exists(client => client.Id == registered.SessionId))
                {
                    clients.Add(new SimulatedClient(registered.SessionId));
                }
                continue;
            }
            if (roll < 17 && last is not null)
            {
                command = last with { TimestampMs = clockMs }; // a client retry
            }
            else if (roll < 19)
            {
                command = new Command(random.Next(1, (int)index + 5), random.Next(0, 4), clockMs, new Operation.Get("a"));
            }
            else
            {
                var client = clients[random.Next(clients.Count)];
                command = new Command(client.Id, client.PickSequence(random), clockMs, RandomOperation(random, keys, topics));
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

    /// <summary>The result of the entry just applied, handed back to the generator.</summary>
    private sealed class Feedback
    {
        public byte[] LastResult { get; set; } = [];
    }

    /// <summary>One client with several commands in flight: their entries overtake one another, arrive late or repeat.</summary>
    private sealed class SimulatedClient(long id)
    {
        private readonly List<long> _inFlight = [];
        private long _next = 1;

        public long Id { get; } = id;

        public long PickSequence(Random random)
        {
            var roll = random.Next(20);
            if (roll < 4 && _inFlight.Count > 0)
            {
                // A command held up in flight arrives late: within the window it applies, below it it is stale.
                var slot = random.Next(_inFlight.Count);
                var late = _inFlight[slot];
                _inFlight.RemoveAt(slot);
                return late;
            }
            if (roll < 8 && _inFlight.Count < 12)
            {
                _inFlight.Add(_next++); // overtaken by the one sent after it
                return _next++;
            }
            // Now and then a repeat of an older sequence: recorded (the same answer) or below the window.
            return roll == 8 ? Math.Max(1, _next - 1 - random.Next(12)) : _next++;
        }
    }
}

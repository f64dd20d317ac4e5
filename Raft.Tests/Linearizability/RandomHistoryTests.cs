using System.Diagnostics;
using Raft.Core.Node;
using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Linearizability;

/// <summary>
/// Large histories made by running a real sequential register: each operation takes effect at its own
/// instant, in order, and its interval is drawn at random around that instant, so intervals overlap
/// heavily; some writes lose their answer (and some of those never happen). Such a history is
/// linearizable by construction and must check Ok; corrupting one read to return a value that two
/// completed writes had replaced before the read began must check Illegal, naming that read's key.
/// </summary>
public sealed class RandomHistoryTests(ITestOutputHelper output)
{
    private const int Keys = 4;

    private static List<Operation<RegisterInput, RegisterOutput>> Generate(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        var registers = new string?[Keys];
        var history = new List<Operation<RegisterInput, RegisterOutput>>();
        for (var i = 0; i < count; i++)
        {
            // Linearization point 10 * i; the interval reaches up to 60 ticks either side.
            var point = 10L * i;
            var invoke = point - random.Next(60);
            var complete = point + random.Next(60);
            var key = random.Next(Keys);
            var name = $"k{key}";
            if (random.Next(2) == 0)
            {
                history.Add(Operation.Completed(i, (RegisterInput)new RegisterInput.Read(name), new RegisterOutput(registers[key]), invoke, complete));
                continue;
            }
            var value = $"v{i}";
            if (random.Chance(0.05))
            {
                // The answer was lost; half of these writes never took effect at all.
                history.Add(Operation.Unknown<RegisterInput, RegisterOutput>(i, new RegisterInput.Write(name, value), invoke));
                if (random.Next(2) == 0) continue;
            }
            else
            {
                history.Add(Operation.Completed(i, (RegisterInput)new RegisterInput.Write(name, value), RegisterOutput.Written, invoke, complete));
            }
            registers[key] = value;
        }
        return history;
    }

    /// <summary>A read after two completed writes on its key that came one after the other, and the older value.</summary>
    private static (int Read, string Stale) FindCorruptibleRead(List<Operation<RegisterInput, RegisterOutput>> history)
    {
        for (var r = history.Count / 2; r < history.Count; r++)
        {
            if (history[r].Input is not RegisterInput.Read read) continue;
            var writes = history.Take(r)
                .Where(op => op.Input is RegisterInput.Write w && w.Key == read.Key && op.Output is not null && op.CompleteTime < history[r].InvokeTime)
                .ToList();
            foreach (var older in writes)
            {
                var stale = ((RegisterInput.Write)older.Input).Value;
                if (stale == history[r].Output!.Value) continue;
                if (writes.Any(newer => newer.InvokeTime > older.CompleteTime && newer != older)) return (r, stale);
            }
        }
        throw new InvalidOperationException("no corruptible read");
    }

    [Theory]
    [InlineData(1UL, 2_000)]
    [InlineData(2UL, 10_000)]
    public void GeneratedHistory_Ok_AndOneStaleRead_Illegal(ulong seed, int count)
    {
        var history = Generate(seed, count);
        var stopwatch = Stopwatch.StartNew();
        var ok = LinearizabilityChecker.Check(RegisterModel.Instance, history);
        output.WriteLine($"{count} operations: {ok} in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(Verdict.Ok, ok.Verdict);
        Assert.Equal(Keys, ok.Partitions);

        var (index, stale) = FindCorruptibleRead(history);
        var corrupted = history.ToList();
        corrupted[index] = history[index] with { Output = new RegisterOutput(stale) };
        stopwatch.Restart();
        var illegal = LinearizabilityChecker.Check(RegisterModel.Instance, corrupted);
        output.WriteLine($"corrupted read {index}: {illegal.Verdict}, witness {illegal.Witness?.MinimalPrefix.Count} of {illegal.Witness?.PartitionOperations.Count} ops, in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal(Verdict.Illegal, illegal.Verdict);
        var witness = illegal.Witness!;
        Assert.Equal(((RegisterInput.Read)history[index].Input).Key, witness.Partition);
        Assert.Contains(corrupted[index], witness.MinimalPrefix);
        Assert.True(witness.MinimalPrefix.Count <= witness.PartitionOperations.Count);
    }
}

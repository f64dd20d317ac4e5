using System.Collections.Concurrent;
using System.Text;
using Raft.Core.Messages;
using Raft.Grains;

namespace Raft.Tests.Hosting;

/// <summary>A state machine that remembers what it applied and answers "applied:INDEX", so tests can see results flow back.</summary>
public sealed class RecordingStateMachine : IReplicatedStateMachine
{
    private readonly ConcurrentDictionary<long, byte[]> _applied = new();

    public bool HasApplied(long index, ReadOnlySpan<byte> command) => _applied.TryGetValue(index, out var data) && data.AsSpan().SequenceEqual(command);

    public int Count => _applied.Count;

    /// <summary>Accepts any command as it is: this machine has no layout to check or stamp.</summary>
    public string? PrepareProposal(Span<byte> command, long leaderTimeMs) => null;

    public ReadOnlyMemory<byte> Apply(Entry entry)
    {
        _applied[entry.Index] = entry.Data.ToArray();
        return Encoding.UTF8.GetBytes($"applied:{entry.Index}");
    }
}

using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Core.Driver;

/// <summary>
/// The loop every host runs around a <see cref="RaftNode"/>: take a Ready, persist it, then send, apply and
/// advance. The grain runs <see cref="ProcessReadyAsync"/>; the simulator runs the two halves itself with
/// virtual disk latency between them, so the code under simulation is the code in production.
/// </summary>
public sealed class RaftPeerDriver(RaftNode node, IMessageSender sender, IEntryApplier applier, IReadIndexSink? reads = null)
{
    private Ready? _pending;

    public RaftNode Node { get; } = node;

    /// <summary>Takes the next Ready, or null when there is no work. The caller persists it, then calls <see cref="CompleteReady"/>.</summary>
    public Ready? BeginReady()
    {
        if (_pending is not null) throw new RaftInvariantException("a Ready is already in progress");
        if (!Node.HasReady) return null;
        _pending = Node.GetReady();
        return _pending;
    }

    /// <summary>After the Ready is durable: send its messages, apply its entries, hand over read indexes, advance the node.</summary>
    public void CompleteReady()
    {
        var ready = _pending ?? throw new RaftInvariantException("no Ready in progress");
        foreach (var message in ready.Messages) sender.Send(message);
        foreach (var entry in ready.CommittedEntries) applier.Apply(entry);
        if (reads is not null)
        {
            foreach (var state in ready.ReadStates) reads.OnReadIndex(state);
        }
        Node.Advance(ready);
        _pending = null;
    }

    public static bool NeedsWrite(Ready ready) => ready.HardState is not null || ready.Entries.Count > 0;

    /// <summary>Works off every Ready, persisting each through <paramref name="storage"/> before its messages leave.</summary>
    public async ValueTask ProcessReadyAsync(IRaftPeerStorage storage, CancellationToken cancellationToken)
    {
        while (BeginReady() is { } ready)
        {
            if (NeedsWrite(ready))
            {
                await storage.SaveAsync(ready.HardState, ready.Entries, ready.MustSync, cancellationToken).ConfigureAwait(false);
            }
            CompleteReady();
        }
    }
}

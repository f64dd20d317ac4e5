using Raft.Core.Node;

namespace Raft.Core.Driver;

/// <summary>
/// Works off a node's Readies one after another, without holding up its inputs: while one Ready is being
/// persisted, ticks, messages and proposals keep stepping the node, and what they produce waits for the
/// next Ready. So a burst of proposals or acknowledgements that arrives during a write shares the next
/// write and its sync (group commit), and a slow disk never stops the peer's clock.
/// </summary>
/// <remarks>
/// Safe because a Ready carries everything its messages depend on: messages produced after
/// <see cref="RaftPeerDriver.BeginReady"/> belong to the next Ready and leave only after it is durable (but for
/// a leader's appends and heartbeats while its term and vote are durable, <see cref="RaftNode.TakeEarlyMessages"/>),
/// and Readies complete strictly in order. A snapshot is frozen between Readies and serialized by
/// <c>serializeSnapshot</c> (inline without one), so a host can move that work off its one thread. Single-threaded: the host calls <see cref="Kick"/> from its one
/// logical thread (a grain turn, a simulator event), and every continuation resumes there, because the
/// awaits below keep the caller's scheduler (Orleans' activation scheduler, or inline in the simulator).
/// </remarks>
public sealed class ReadyPump(
    RaftPeerDriver driver,
    IReadyPersister persister,
    Action? afterReady = null,
    Action<Exception>? onFault = null,
    Action? beforeWrite = null,
    Func<Func<ReadOnlyMemory<byte>>, Task<ReadOnlyMemory<byte>>>? serializeSnapshot = null)
{
    // True from Kick until the loop finds no work: a Kick meanwhile (from an input, or from a callback
    // inside CompleteReady) only leaves its work for the loop, which checks for more after every Ready.
    private bool _active;

    /// <summary>Completes when the current run of Readies has been worked off or has failed (see <see cref="Fault"/>); it never faults.</summary>
    public Task Idle { get; private set; } = Task.CompletedTask;

    /// <summary>Set when a write failed. Memory is then ahead of disk, so the pump never runs again.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Whether a Ready is between <see cref="RaftPeerDriver.BeginReady"/> and its completion.</summary>
    public bool IsPersisting { get; private set; }

    /// <summary>Starts working off Readies unless a run is already going; returns at the first write it must wait for.</summary>
    public void Kick()
    {
        if (Fault is not null) return;
        if (_active)
        {
            // Inputs that arrive during a write: a leader's appends and heartbeats need not wait for it.
            if (IsPersisting && driver.SendEarly() > 0) beforeWrite?.Invoke();
            return;
        }
        _active = true;
        Idle = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            while (driver.BeginReady() is { } ready)
            {
                if (RaftPeerDriver.NeedsWrite(ready))
                {
                    // A sender that batches must let the early messages go now, not after the write.
                    if (ready.EarlyMessages.Count > 0) beforeWrite?.Invoke();
                    IsPersisting = true;
                    // ConfigureAwait(true): the rest of the Ready must run on the host's one logical thread.
                    await persister.PersistAsync(ready).ConfigureAwait(true);
                    IsPersisting = false;
                }
                driver.CompleteReady();
                afterReady?.Invoke();
                if (driver.BeginCompaction() is { } capture)
                {
                    // Like a Ready's write: inputs go on stepping the node while the snapshot is serialized
                    // (off the host's thread when it says how) and stored.
                    IsPersisting = true;
                    var data = serializeSnapshot is null ? capture.Serialize() : await serializeSnapshot(capture.Serialize).ConfigureAwait(true);
                    var compaction = capture.With(data);
                    await persister.PersistCompactionAsync(compaction).ConfigureAwait(true);
                    IsPersisting = false;
                    driver.CompleteCompaction(compaction);
                }
            }
        }
        catch (Exception exception)
        {
            // Raft's durability rule forbids sending what could not be persisted: stop for good.
            Fault = exception;
            IsPersisting = false;
            onFault?.Invoke(exception);
        }
        finally
        {
            _active = false;
        }
    }
}

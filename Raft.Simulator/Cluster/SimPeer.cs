using System.Runtime.ExceptionServices;
using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Simulator.Cluster;

/// <summary>
/// One simulated peer: a disk that survives crashes and, for each life, a <see cref="RaftNode"/> run by the
/// production <see cref="RaftPeerDriver"/> and <see cref="ReadyPump"/> over a <see cref="SimReadyPersister"/>.
/// Inputs step the node at once, even while a Ready is being written, as they do in the grain; the pump
/// works off what they produce in the next Ready. Each life rebuilds its <see cref="SimStateMachine"/> from the
/// disk's snapshot, then re-applies the committed log after it.
/// </summary>
public sealed class SimPeer(int id, SimCluster cluster) : IMessageSender, IEntryApplier, IReadIndexSink
{
    private readonly List<Entry> _applied = [];
    private SimReadyPersister? _persister;

    public int Id { get; } = id;

    public SimDisk Disk { get; } = new();

    public RaftPeerDriver? Driver { get; private set; }

    /// <summary>This life's pump, or null while crashed.</summary>
    public ReadyPump? Pump { get; private set; }

    /// <summary>The running node, or null while crashed.</summary>
    public RaftNode? Node => Driver?.Node;

    public bool Alive => Driver is not null;

    /// <summary>Grows on every crash so that events scheduled for an earlier life are ignored.</summary>
    public int Incarnation { get; private set; }

    /// <summary>Whether a Ready's write is in flight; inputs still step the node meanwhile.</summary>
    public bool IsPersisting => Pump?.IsPersisting ?? false;

    /// <summary>Where the in-flight write stands.</summary>
    public DiskWritePhase WritePhase => _persister?.Phase ?? DiskWritePhase.Idle;

    /// <summary>Readies carried out in this life.</summary>
    public long ReadiesCompleted { get; private set; }

    /// <summary>Virtual milliseconds a synced write takes on this peer's disk.</summary>
    public int DiskLatencyMs { get; set; }

    /// <summary>Entries applied in this life, in order; a life that starts from (or installs) a snapshot has none before it.</summary>
    public IReadOnlyList<Entry> Applied => _applied;

    /// <summary>This life's state machine, or null while crashed.</summary>
    public SimStateMachine? StateMachine { get; private set; }

    /// <summary>The last index this life's state machine reflects (by applying it or from a snapshot).</summary>
    public long LastApplied => StateMachine?.AppliedIndex ?? 0;

    /// <summary>A fresh life from the disk: state machine from the snapshot, then new node, driver, persister and pump.</summary>
    public void Start(RaftConfig config, SnapshotPolicy? snapshots)
    {
        var persisted = Disk.Load();
        StateMachine = new SimStateMachine();
        _applied.Clear();
        if (persisted.Snapshot is { } snapshot) Restore(snapshot);
        var node = new RaftNode(config, persisted, persisted.Snapshot?.Index ?? 0);
        Driver = new RaftPeerDriver(node, this, this, this, snapshots);
        _persister = new SimReadyPersister(this, cluster, Incarnation);
        Pump = new ReadyPump(Driver, _persister, () => ReadiesCompleted++);
        ReadiesCompleted = 0;
    }

    /// <summary>
    /// Ends this life. The in-flight write is abandoned (its task never completes, so the pump never goes on)
    /// and whatever the disk had not written is lost. Returns where the write stood and whether a deferred
    /// commit was lost.
    /// </summary>
    public (DiskWritePhase Phase, bool LostCommit) Crash()
    {
        var phase = WritePhase;
        Driver = null;
        Pump = null;
        _persister = null;
        StateMachine = null;
        Incarnation++;
        _applied.Clear();
        return (phase, Disk.LoseUnwritten());
    }

    /// <summary>Lets the pump take the node's next Ready unless it is already working off one.</summary>
    public void Kick()
    {
        var pump = Pump ?? throw new InvalidOperationException($"peer {Id} is down");
        InlineContinuations.Run(pump.Kick);
        ThrowIfFaulted(pump);
    }

    /// <summary>Completes the pump's write; its continuation (send, apply, advance, next Ready) runs inline.</summary>
    internal void ResumePump(TaskCompletionSource write)
    {
        var pump = Pump ?? throw new InvalidOperationException($"peer {Id} is down");
        var before = _persister!.WritesBegun;
        InlineContinuations.Run(write.SetResult);
        ThrowIfFaulted(pump);
        // Resumed inline: the pump went on past this write (it is idle, or already writing the next one).
        if (pump.IsPersisting && _persister.WritesBegun == before)
            throw new InvalidOperationException($"peer {Id}: the pump did not resume inline when its write completed; the simulator would not be deterministic");
    }

    // The pump keeps a failure as its Fault; under simulation a failure is a bug to report loudly
    // (a RaftInvariantException ends the seed as a crash of the core).
    private static void ThrowIfFaulted(ReadyPump pump)
    {
        if (pump.Fault is { } fault) ExceptionDispatchInfo.Capture(fault).Throw();
    }

    public void Send(Message message) => cluster.Network.Send(message);

    public void Apply(Entry entry)
    {
        cluster.Checker.OnApply(this, entry);
        StateMachine!.Apply(entry);
        cluster.Checker.OnStateMachine(this, StateMachine);
        _applied.Add(entry);
        cluster.Reads.OnApply(Id, entry);
        cluster.History?.OnApply(Id, entry);
    }

    public void Restore(Snapshot snapshot)
    {
        try
        {
            StateMachine!.Restore(snapshot.Data.Span);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            // The state machine's bytes arrived garbled: reported as a broken core, with the seed.
            throw new RaftInvariantException($"peer {Id}: {snapshot.Metadata} does not decode: {e.Message}");
        }
        if (StateMachine.AppliedIndex != snapshot.Index)
            throw new RaftInvariantException($"peer {Id}: {snapshot.Metadata} holds a state applied to {StateMachine.AppliedIndex}");
        if (Driver is not null) cluster.OnSnapshotInstalled(this, snapshot);
        cluster.Checker.OnRestore(this, snapshot);
        cluster.Checker.OnStateMachine(this, StateMachine);
        cluster.History?.OnRestore(Id, snapshot.Index, StateMachine.Values);
    }

    public Func<ReadOnlyMemory<byte>> CaptureSnapshot(SnapshotMetadata metadata)
    {
        // Copied now, at the applied index; the pump serializes inline here, so the run stays deterministic.
        var captured = StateMachine!.Capture();
        return () => captured;
    }

    public void OnReadIndex(ReadState state)
    {
        cluster.Reads.OnReadIndex(Id, state);
        cluster.History?.OnReadIndex(Id, state);
    }
}

using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Simulator.Cluster;

/// <summary>
/// One simulated peer: a <see cref="RaftNode"/> run by the production <see cref="RaftPeerDriver"/>, a disk
/// that survives crashes, and a mailbox that holds inputs while a write is in flight, as a grain's turn
/// holds its mailbox while it awaits storage.
/// </summary>
public sealed class SimPeer(int id, SimCluster cluster) : IMessageSender, IEntryApplier, IReadIndexSink
{
    private readonly List<Entry> _applied = [];

    public int Id { get; } = id;

    public SimDisk Disk { get; } = new();

    public RaftPeerDriver? Driver { get; private set; }

    /// <summary>The running node, or null while crashed.</summary>
    public RaftNode? Node => Driver?.Node;

    public bool Alive => Driver is not null;

    /// <summary>Grows on every crash so that events scheduled for an earlier life are ignored.</summary>
    public int Incarnation { get; private set; }

    public bool Persisting { get; set; }

    public Queue<Action<RaftNode>> Mailbox { get; } = new();

    /// <summary>Virtual milliseconds a synced write takes on this peer's disk.</summary>
    public int DiskLatencyMs { get; set; }

    /// <summary>Entries applied in this life, in order (index i at position i-1).</summary>
    public IReadOnlyList<Entry> Applied => _applied;

    public void Start(RaftConfig config)
    {
        var node = new RaftNode(config, Disk.Load());
        Driver = new RaftPeerDriver(node, this, this, this);
        _applied.Clear();
    }

    public void Crash()
    {
        Driver = null;
        Incarnation++;
        Persisting = false;
        Mailbox.Clear();
        _applied.Clear();
    }

    public void Send(Message message) => cluster.Network.Send(message);

    public void Apply(Entry entry)
    {
        cluster.Checker.OnApply(this, entry);
        _applied.Add(entry);
        cluster.Reads.OnApply(Id, entry);
        cluster.History?.OnApply(Id, entry);
    }

    public void OnReadIndex(ReadState state)
    {
        cluster.Reads.OnReadIndex(Id, state);
        cluster.History?.OnReadIndex(Id, state);
    }
}

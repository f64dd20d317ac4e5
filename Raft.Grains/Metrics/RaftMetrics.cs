using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains.Metrics;

/// <summary>
/// The peers' instruments, on one <see cref="Meter"/> named <see cref="MeterName"/> that any listener
/// (OpenTelemetry, dotnet-counters) can subscribe to. Every measurement is tagged with the peer it is about.
/// The log gauges read the status of the peers active in this process, which register while they live.
/// </summary>
public static class RaftMetrics
{
    public const string MeterName = "RaftOrleans";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<int, Func<PeerGauges>> ActivePeers = new();

    private static readonly Counter<long> Proposals = Meter.CreateCounter<long>("raft.proposals", description: "Proposals a leader was asked for, by outcome");
    private static readonly Counter<long> Applies = Meter.CreateCounter<long>("raft.applies", description: "Committed entries applied to the state machine");
    private static readonly Histogram<double> CommitLatency = Meter.CreateHistogram<double>("raft.commit.latency", "ms", "From a leader accepting a proposal to its commit and apply there");
    private static readonly Histogram<double> StorageWrite = Meter.CreateHistogram<double>("raft.storage.write.duration", "ms", "A Ready's synced log write");
    private static readonly Histogram<long> EntriesPerSync = Meter.CreateHistogram<long>("raft.storage.entries_per_sync", description: "Entries one synced write carried (group commit)");
    private static readonly Counter<long> LeaderChanges = Meter.CreateCounter<long>("raft.leader.changes", description: "Times a peer saw a new leader or term");
    private static readonly Counter<long> ElectionsWon = Meter.CreateCounter<long>("raft.elections.won", description: "Terms a peer became leader in");
    private static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>("raft.messages.sent", description: "Raft messages sent, by type");
    private static readonly Counter<long> MessagesRefused = Meter.CreateCounter<long>("raft.messages.refused", description: "Raft messages a peer refused as bad input, by type and outcome");
    private static readonly Counter<long> Reads = Meter.CreateCounter<long>("raft.reads", description: "Reads served, by consistency");

    static RaftMetrics()
    {
        Meter.CreateObservableGauge("raft.log.length", () => Observe(s => s.LogLength), description: "Entries a peer's log holds");
        Meter.CreateObservableGauge("raft.snapshot.index", () => Observe(s => s.SnapshotIndex), description: "The last index of a peer's latest snapshot");
        Meter.CreateObservableGauge("raft.commit.index", () => Observe(s => s.CommitIndex), description: "A peer's commit index");
        Meter.CreateObservableGauge("raft.term", () => Observe(s => s.Term), description: "A peer's current term");
    }

    private static IEnumerable<Measurement<long>> Observe(Func<PeerGauges, long> value) =>
        ActivePeers.Select(p => new Measurement<long>(value(p.Value()), Peer(p.Key)));

    private static KeyValuePair<string, object?> Peer(int peerId) => new("peer", peerId);

    /// <summary>
    /// A peer activation reports its gauges until <see cref="Unregister"/>. The callback runs on the metrics
    /// reader's thread, so it must return values the peer published, never read the node itself.
    /// </summary>
    public static void Register(int peerId, Func<PeerGauges> gauges) => ActivePeers[peerId] = gauges;

    public static void Unregister(int peerId) => ActivePeers.TryRemove(peerId, out _);

    public static void Proposed(int peerId, ProposeStatus outcome) => Proposals.Add(1, Peer(peerId), new("outcome", outcome.ToString()));

    public static void Applied(int peerId) => Applies.Add(1, Peer(peerId));

    public static void Committed(int peerId, double latencyMs) => CommitLatency.Record(latencyMs, Peer(peerId));

    public static void LogWritten(int peerId, int entries, TimeSpan duration)
    {
        StorageWrite.Record(duration.TotalMilliseconds, Peer(peerId));
        EntriesPerSync.Record(entries, Peer(peerId));
    }

    public static void LeaderChanged(int peerId, bool won)
    {
        LeaderChanges.Add(1, Peer(peerId));
        if (won) ElectionsWon.Add(1, Peer(peerId));
    }

    public static void Sent(int peerId, MessageType type, int count) => MessagesSent.Add(count, Peer(peerId), new("type", type.ToString()));

    public static void Refused(int peerId, MessageType type, StepOutcome outcome) =>
        MessagesRefused.Add(1, Peer(peerId), new("type", type.ToString()), new("outcome", outcome.ToString()));

    public static void Read(int peerId, bool linearizable) => Reads.Add(1, Peer(peerId), new("consistency", linearizable ? "linearizable" : "stale"));
}

/// <summary>What a peer's gauges show, published by the peer on its own thread after each Ready (immutable, so a metrics reader on another thread sees one whole set).</summary>
public sealed record PeerGauges(long LogLength, long SnapshotIndex, long CommitIndex, long Term)
{
    public static PeerGauges Of(RaftNode node) => new(node.LastIndex - node.FirstIndex + 1, node.SnapshotIndex, node.CommitIndex, node.Term);
}

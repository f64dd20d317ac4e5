using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Simulator.Cluster;

/// <summary>
/// A seeded network between simulated peers: latency, loss, duplication, long delays (which reorder),
/// and links cut in either direction. A link is checked when a message leaves and again when it
/// arrives, so cutting a link also loses what was on the wire.
/// </summary>
public sealed class SimNetwork(SimCluster cluster, DeterministicRandom random)
{
    private readonly HashSet<(int From, int To)> _cut = [];
    private readonly Dictionary<MessageType, long> _sentByType = [];

    public NetworkOptions Options { get; set; } = NetworkOptions.Reliable;

    public long Sent { get; private set; }

    public long Delivered { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Append rejections sent: how many round trips followers needed to find where logs match.</summary>
    public long RejectedAppends { get; private set; }

    public long SentOf(MessageType type) => _sentByType.GetValueOrDefault(type);

    public bool IsCut(int from, int to) => _cut.Contains((from, to));

    public void Cut(int from, int to) => _cut.Add((from, to));

    public void Mend(int from, int to) => _cut.Remove((from, to));

    public void Heal() => _cut.Clear();

    /// <summary>Cuts every link between the two groups, in both directions.</summary>
    public void Partition(IReadOnlyCollection<int> groupA, IReadOnlyCollection<int> groupB)
    {
        foreach (var a in groupA)
        {
            foreach (var b in groupB)
            {
                Cut(a, b);
                Cut(b, a);
            }
        }
    }

    public void Isolate(int peer, IEnumerable<int> all)
    {
        foreach (var other in all)
        {
            if (other == peer) continue;
            Cut(peer, other);
            Cut(other, peer);
        }
    }

    public void Rejoin(int peer, IEnumerable<int> all)
    {
        foreach (var other in all)
        {
            Mend(peer, other);
            Mend(other, peer);
        }
    }

    public void Send(Message message)
    {
        Sent++;
        _sentByType[message.Type] = _sentByType.GetValueOrDefault(message.Type) + 1;
        if (message is { Type: MessageType.AppendResponse, Reject: true }) RejectedAppends++;
        if (IsCut(message.From, message.To) || random.Chance(Options.DropRate))
        {
            Dropped++;
            return;
        }
        ScheduleDelivery(message);
        if (random.Chance(Options.DuplicateRate)) ScheduleDelivery(message);
    }

    private void ScheduleDelivery(Message message)
    {
        var options = Options;
        long delay = random.Next(options.MinLatencyMs, options.MaxLatencyMs + 1);
        if (random.Chance(options.LongDelayRate)) delay += random.Next(options.LongDelayMaxMs);
        cluster.Events.After(delay, () =>
        {
            if (IsCut(message.From, message.To))
            {
                Dropped++;
                return;
            }
            Delivered++;
            cluster.Deliver(message);
        });
    }
}

using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Grains.Placement;

namespace Raft.Grains;

/// <summary>
/// The driver's sender in a grain: collects the messages of one Ready by destination and sends each
/// destination's share as one one-way grain call, so a heartbeat round is one call per peer, not one per
/// message. Nothing is awaited: a lost call is a lost message, which Raft retransmits. Messages to a peer
/// whose silo is known to be down are dropped here, as placement would refuse them.
/// </summary>
public sealed class PeerMessageSender(IGrainFactory grains, int from = 0, IPeerSiloStatus? silos = null) : IMessageSender
{
    private readonly Dictionary<int, List<Message>> _pending = [];
    private readonly Dictionary<int, IRaftPeerGrain> _peers = [];
    private readonly Dictionary<int, long> _sentTo = [];

    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_pending.TryGetValue(message.To, out var list)) _pending[message.To] = list = [];
        list.Add(message);
    }

    /// <summary>Sends everything collected since the last flush.</summary>
    public void Flush()
    {
        foreach (var (to, messages) in _pending)
        {
            if (messages.Count == 0) continue;
            if (silos is not null && !silos.IsActive(to))
            {
                messages.Clear();
                continue;
            }
            if (!_peers.TryGetValue(to, out var peer)) _peers[to] = peer = grains.GetGrain<IRaftPeerGrain>(to);
            CountByType(messages);
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_sentTo, to, out _) += messages.Count;
            peer.DeliverAsync(new MessageBatch(messages.ToArray())).Ignore();
            messages.Clear();
        }
    }

    /// <summary>How many messages went to each destination since this sender was made, for the dashboard's rates.</summary>
    public Dashboard.PeerTraffic[] SentCounts() => _sentTo.Select(p => new Dashboard.PeerTraffic(p.Key, p.Value)).ToArray();

    // Counted a run of one type at a time, without allocating: a batch is mostly one type (a heartbeat round, an append stream).
    private void CountByType(List<Message> messages)
    {
        var start = 0;
        for (var i = 1; i <= messages.Count; i++)
        {
            if (i < messages.Count && messages[i].Type == messages[start].Type) continue;
            Metrics.RaftMetrics.Sent(from, messages[start].Type, i - start);
            start = i;
        }
    }
}

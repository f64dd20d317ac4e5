using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// Drives a single <see cref="RaftNode"/> by hand: the test plays every other peer by writing their
/// messages, and reads what the node would persist and send from its Ready batches.
/// </summary>
internal sealed class NodeHarness
{
    public NodeHarness(int id = 1, int peers = 3, PersistedState? persisted = null, RaftConfig? config = null)
    {
        var ids = Enumerable.Range(1, peers).ToArray();
        var baseConfig = config ?? new RaftConfig { Id = id, Peers = ids };
        Node = new RaftNode(baseConfig with { Id = id, Peers = ids, PreVote = false }, persisted);
        Drain();
    }

    public RaftNode Node { get; }

    public List<Message> Sent { get; } = [];

    public List<Ready> Readies { get; } = [];

    /// <summary>Takes and acknowledges every pending Ready; collects its messages.</summary>
    public List<Message> Drain()
    {
        var sent = new List<Message>();
        while (Node.HasReady)
        {
            var ready = Node.GetReady();
            Readies.Add(ready);
            sent.AddRange(ready.EarlyMessages);
            sent.AddRange(ready.Messages);
            Node.Advance(ready);
        }
        Sent.AddRange(sent);
        return sent;
    }

    /// <summary>Ticks until the node campaigns, then grants it every vote: it leads the next term.</summary>
    public void ElectSelf()
    {
        for (var i = 0; i < 40 && Node.Role == RaftRole.Follower; i++) Node.Tick();
        var requests = Drain().Where(m => m.Type == MessageType.Vote).ToArray();
        foreach (var request in requests)
        {
            Node.Step(new Message { Type = MessageType.VoteResponse, From = request.To, To = Node.Id, Term = request.Term });
        }
        Drain();
        Assert.Equal(RaftRole.Leader, Node.Role);
    }

    public StepOutcome Step(Message message)
    {
        var outcome = Node.Step(message);
        Drain();
        return outcome;
    }

    public static IReadOnlyList<Entry> Log(params long[] terms) =>
        terms.Select((term, i) => new Entry(term, i + 1, EntryType.Normal, new byte[] { (byte)i })).ToArray();
}

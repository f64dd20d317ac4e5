using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>Helpers over <see cref="NodeHarness"/> for a leader whose followers the test plays.</summary>
internal static class LeaderHarness
{
    /// <summary>Peer 1 leads a group of <paramref name="peers"/> and has committed its no-op (acknowledged by everyone).</summary>
    public static NodeHarness ReadyLeader(int peers = 3, RaftConfig? config = null)
    {
        var harness = new NodeHarness(id: 1, peers: peers, config: config);
        harness.ElectSelf();
        AckAll(harness);
        Assert.Equal(harness.Node.LastIndex, harness.Node.CommitIndex);
        return harness;
    }

    /// <summary>Every other member acknowledges the leader's whole log.</summary>
    public static void AckAll(NodeHarness harness, params int[] except)
    {
        var node = harness.Node;
        foreach (var peer in node.Membership.Members.Where(p => p != node.Id && !except.Contains(p)))
        {
            harness.Step(Ack(node, peer));
        }
    }

    public static Message Ack(RaftNode leader, int from, long? index = null) =>
        new() { Type = MessageType.AppendResponse, From = from, To = leader.Id, Term = leader.Term, Index = index ?? leader.LastIndex };
}

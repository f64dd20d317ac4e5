using System.Text;
using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Shared vocabulary of the scenario tests, after the MIT 6.824 lab's config: a cluster in virtual time,
/// commands as small strings, and assertions that print the seed and the cluster's state when they fail.
/// </summary>
internal static class Scenario
{
    /// <summary>Virtual milliseconds within which a healthy cluster must elect (6.824 allows a second).</summary>
    public const long ElectionWindowMs = 1000;

    public static SimCluster Start(int peers, ulong seed = 1, RaftConfig? config = null, NetworkOptions? network = null)
    {
        var cluster = new SimCluster(peers, seed, config);
        if (network is not null) cluster.Network.Options = network;
        return cluster;
    }

    public static byte[] Cmd(object value) => Encoding.UTF8.GetBytes(value.ToString()!);

    public static int CheckOneLeader(this SimCluster cluster, IReadOnlyCollection<int>? among = null)
    {
        var leader = cluster.WaitForLeader(ElectionWindowMs * 5, among);
        AssertSafe(cluster);
        Assert.True(leader != 0, $"seed {cluster.Seed}: expected one leader; {cluster.Describe()}");
        return leader;
    }

    public static void CheckNoLeader(this SimCluster cluster, IReadOnlyCollection<int> among)
    {
        cluster.RunFor(ElectionWindowMs);
        var leaders = cluster.Leaders(among);
        Assert.True(leaders.Count == 0, $"seed {cluster.Seed}: expected no leader among [{string.Join(",", among)}]; {cluster.Describe()}");
    }

    public static long One(this SimCluster cluster, object command, int expectedPeers, bool retry = true)
    {
        var index = cluster.Agree(Cmd(command), expectedPeers, retry);
        AssertSafe(cluster);
        Assert.True(index > 0, $"seed {cluster.Seed}: '{command}' did not reach {expectedPeers} peers; {cluster.Describe()}");
        return index;
    }

    public static void AssertSafe(SimCluster cluster) =>
        Assert.True(!cluster.HasViolation, $"seed {cluster.Seed}: {string.Join("; ", cluster.Checker.Violations)}");

    public static int Other(this SimCluster cluster, params int[] except) => cluster.Ids.First(id => !except.Contains(id));
}

using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// This process's dotNext Raft node over its TCP transport, configured as dotNext's own RaftNode example
/// (src/examples/RaftNode, "tcp") configures one: every member named up front in an in-memory configuration,
/// no cold start. Everything else is the library's default: election timeout 150-300 ms
/// (<c>ElectionTimeout.Recommended</c>), heartbeats every 75 ms (lower election timeout × the default 0.5
/// threshold), a request timeout of 150 ms (the lower election timeout), no leader lease.
/// </summary>
internal static class RaftMember
{
    public static RaftCluster Create(NodeOptions options, WriteAheadLog log, ILoggerFactory loggers)
    {
        var configuration = new RaftCluster.TcpConfiguration(options.RaftEndPoint)
        {
            // Every member is listed below, so none may start a cluster of one.
            ColdStart = false,
            // Null asks for the in-memory configuration storage (the init accessor makes one), filled next.
            ConfigurationStorage = null,
            LoggerFactory = loggers,
        };
        if (configuration.ConfigurationStorage is not InMemoryClusterConfigurationStorage<EndPoint> storage)
        {
            throw new InvalidOperationException("dotNext did not make an in-memory configuration storage for a null one");
        }
        var members = storage.CreateInitialConfigurationBuilder();
        foreach (var member in options.RaftEndPoints) members.Add(member);
        members.Build();
        return new RaftCluster(configuration) { AuditTrail = log };
    }
}

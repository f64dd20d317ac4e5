using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// One member's process: its Raft node with dotNext's write-ahead log in DIR/wal and the dictionary's
/// snapshots in DIR/snapshots, and Kestrel serving <see cref="KvApi"/>. A member killed and started again with
/// the same command line reads its snapshot and log and rejoins. The WAL is left at its defaults: on Linux it
/// writes entries through a memory-mapped file, and a commit returns only once a flusher has msync'ed the
/// entries through it (MS_SYNC) and written the checkpoint with write-through I/O (6.12 made that always so;
/// FlushOnCommit and FlushInterval are obsolete no-ops). A follower answers an append once the entries up
/// to the leader's commit index are flushed, which need not include the ones it just appended.
/// </summary>
internal static class KvNode
{
    public static async Task RunAsync(NodeOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Timestamps, so that a member log can be read against the benchmark's failover rounds.
        builder.Logging.AddSimpleConsole(console => console.TimestampFormat = "HH:mm:ss.fff ")
            .SetMinimumLevel(LogLevel.Warning).AddFilter(typeof(KvNode).Namespace, LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1));
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggers.CreateLogger(typeof(KvNode).Namespace!);
        NodeLog.Starting(logger, options.Member, options.RaftEndPoint.ToString(), options.HttpUrl, options.DataDirectory);

        await using var store = new KvStateMachine(new DirectoryInfo(Path.Combine(options.DataDirectory, "snapshots")));
        // Before the WAL exists: its constructor reads the restored snapshot's index to know where replay starts.
        await store.RestoreAsync().ConfigureAwait(false);
        await using var log = new WriteAheadLog(new WriteAheadLog.Options { Location = Path.Combine(options.DataDirectory, "wal") }, store);
        await using var cluster = RaftMember.Create(options, log, loggers);
        cluster.LeaderChanged += (node, leader) => NodeLog.LeaderChanged(logger, leader?.EndPoint.ToString() ?? "unknown", node.Term);
        using var forwarder = new LeaderForwarder();
        new KvApi(cluster, store, forwarder, options).Map(app);

        // Replays the log's committed entries into the dictionary, then takes part in elections.
        await cluster.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await app.RunAsync().ConfigureAwait(false);
        await cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }
}

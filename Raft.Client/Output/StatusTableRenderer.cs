using System.Globalization;
using Raft.Client.Results;
using Spectre.Console;

namespace Raft.Client.Output;

/// <summary>The cluster status as a table, one row per peer, the leader's row marked with '*' and in bold.</summary>
internal static class StatusTableRenderer
{
    public static void Render(ClusterStatus status, IAnsiConsole console)
    {
        var table = PeerTable.Create(
            ("id", true), ("silo", false), ("address", false), ("role", false),
            ("term", true), ("last index", true), ("commit", true), ("applied", true), ("snapshot", true), ("first index", true), ("log length", true));
        foreach (var peer in status.Peers.OrderBy(p => p.Id))
        {
            PeerTable.AddRow(table, peer.Id == status.Leader,
                Number(peer.Id), peer.Silo, peer.Address, peer.Role,
                Number(peer.Term), Number(peer.LastIndex), Number(peer.CommitIndex), Number(peer.AppliedIndex),
                Number(peer.SnapshotIndex), Number(peer.FirstIndex), Number(peer.LogLength));
        }

        console.Write(table);
        console.WriteLine(status.Leader is { } leader
            ? $"leader: {leader.ToString(CultureInfo.InvariantCulture)} ({status.LeaderAddress ?? "address unknown"})"
            : "leader: none known");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using Raft.Client.Results;
using Spectre.Console;

namespace Raft.Client.Output;

/// <summary>The cluster status as a table, one row per peer, the leader's row marked with '*' and in bold.</summary>
internal static class StatusTableRenderer
{
    public static void Render(ClusterStatus status, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(""));
        table.AddColumn(new TableColumn("id").RightAligned());
        table.AddColumn(new TableColumn("silo"));
        table.AddColumn(new TableColumn("address"));
        table.AddColumn(new TableColumn("role"));
        foreach (var numeric in (string[])["term", "last index", "commit", "applied", "snapshot", "first index", "log length"])
        {
            table.AddColumn(new TableColumn(numeric).RightAligned());
        }

        foreach (var peer in status.Peers.OrderBy(p => p.Id))
        {
            var isLeader = peer.Id == status.Leader;
            var style = isLeader ? new Style(decoration: Decoration.Bold) : Style.Plain;
            // Text, not markup: a silo name with '[' in it must print as itself.
            table.AddRow(
                new Text(isLeader ? "*" : "", style),
                new Text(Number(peer.Id), style),
                new Text(peer.Silo, style),
                new Text(peer.Address, style),
                new Text(peer.Role, style),
                new Text(Number(peer.Term), style),
                new Text(Number(peer.LastIndex), style),
                new Text(Number(peer.CommitIndex), style),
                new Text(Number(peer.AppliedIndex), style),
                new Text(Number(peer.SnapshotIndex), style),
                new Text(Number(peer.FirstIndex), style),
                new Text(Number(peer.LogLength), style));
        }

        console.Write(table);
        console.WriteLine(status.Leader is { } leader
            ? $"leader: {leader.ToString(CultureInfo.InvariantCulture)} ({status.LeaderAddress ?? "address unknown"})"
            : "leader: none known");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

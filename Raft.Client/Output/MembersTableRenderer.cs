using System.Globalization;
using Raft.Client.Results;
using Spectre.Console;

namespace Raft.Client.Output;

/// <summary>The members as a table, one row per configured peer, the leader's row marked with '*' and in bold.</summary>
internal static class MembersTableRenderer
{
    public static void Render(MembersResult members, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(""));
        table.AddColumn(new TableColumn("id").RightAligned());
        table.AddColumn(new TableColumn("silo"));
        table.AddColumn(new TableColumn("address"));
        table.AddColumn(new TableColumn("member"));
        table.AddColumn(new TableColumn("match").RightAligned());
        table.AddColumn(new TableColumn("reachable"));
        foreach (var member in members.Members.OrderBy(m => m.Id))
        {
            var isLeader = member.Id == members.Leader;
            var style = isLeader ? new Style(decoration: Decoration.Bold) : Style.Plain;
            table.AddRow(
                new Text(isLeader ? "*" : "", style),
                new Text(member.Id.ToString(CultureInfo.InvariantCulture), style),
                new Text(member.Silo, style),
                new Text(member.Address, style),
                new Text(member.Role, style),
                new Text(member.MatchIndex is { } match ? match.ToString(CultureInfo.InvariantCulture) : "-", style),
                new Text(member.Reachable ? "yes" : "no", style));
        }
        console.Write(table);
        console.WriteLine($"voters: [{string.Join(",", members.Voters)}]  learners: [{string.Join(",", members.Learners)}]");
        console.WriteLine(members.Leader is { } leader
            ? $"leader: {leader.ToString(CultureInfo.InvariantCulture)} ({members.LeaderAddress ?? "address unknown"})"
            : "leader: none known");
    }
}

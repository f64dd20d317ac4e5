using Spectre.Console;

namespace Raft.Client.Output;

/// <summary>The one shape of a table of peers (<c>status</c>, <c>status --watch</c>): a marker column, the leader's row marked '*' and in bold.</summary>
internal static class PeerTable
{
    /// <summary>A rounded table: the unnamed marker column, then <paramref name="columns"/>, numeric ones right-aligned.</summary>
    public static Table Create(params (string Name, bool Numeric)[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(""));
        foreach (var (name, numeric) in columns)
        {
            var column = new TableColumn(name);
            table.AddColumn(numeric ? column.RightAligned() : column);
        }
        return table;
    }

    public static void AddRow(Table table, bool isLeader, params string[] cells)
    {
        var style = isLeader ? new Style(decoration: Decoration.Bold) : Style.Plain;
        // Text, not markup: a silo name with '[' in it must print as itself.
        table.AddRow(cells.Prepend(isLeader ? "*" : "").Select(cell => new Text(cell, style)));
    }
}

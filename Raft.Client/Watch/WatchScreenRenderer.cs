using System.Globalization;
using Raft.Client.Output;
using Raft.Client.Results;
using Spectre.Console;
using Spectre.Console.Rendering;
using static Raft.Client.Watch.WatchLineRenderer;

namespace Raft.Client.Watch;

/// <summary>
/// A frame as the screen <c>status --watch</c> redraws at a terminal: the cluster's numbers on top, the peers
/// as a table below (the leader marked as in <c>status</c>), an unreachable peer's role shown as "unreachable"
/// and its indexes as "-". Short headers, so that the table fits an 80-column terminal.
/// </summary>
internal static class WatchScreenRenderer
{
    /// <summary>Until the first poll answers.</summary>
    public static IRenderable Waiting { get; } = new Text("polling the cluster...");

    public static IRenderable Render(WatchFrame frame, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var time = frame.Time.UtcDateTime.ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var footer = new Text($"{time}, every {interval.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms; Ctrl-C to stop", new Style(decoration: Decoration.Dim));
        if (frame.Error is { } error) return new Rows(new Text($"ERR {error}: {frame.Message}", new Style(Color.Red)), footer);

        var leader = frame.Leader is { } id ? $"leader {id.ToString(CultureInfo.InvariantCulture)} ({frame.LeaderAddress ?? "address unknown"})" : "no leader known";
        var summary = new Text(
            $"{leader}, term {Known(frame.Term)}\n" +
            $"commit {Known(frame.CommitIndex)}, {Rate(frame.CommitsPerSecond)} commits/s, commit latency {Milliseconds(frame.CommitLatencyMs)} ms, {frame.LeaderChanges.ToString(CultureInfo.InvariantCulture)} leader changes");

        var table = PeerTable.Create(
            ("id", true), ("silo", false), ("role", false), ("term", true), ("last", true), ("commit", true), ("applied", true), ("snap", true));
        foreach (var peer in frame.Peers.OrderBy(p => p.Id))
        {
            string Index(long value) => peer.Reachable ? value.ToString(CultureInfo.InvariantCulture) : "-";
            PeerTable.AddRow(table, peer.Id == frame.Leader,
                peer.Id.ToString(CultureInfo.InvariantCulture), peer.Silo, peer.Reachable ? peer.Role : "unreachable",
                Index(peer.Term), Index(peer.LastIndex), Index(peer.CommitIndex), Index(peer.AppliedIndex), Index(peer.SnapshotIndex));
        }
        return new Rows(summary, table, footer);
    }
}

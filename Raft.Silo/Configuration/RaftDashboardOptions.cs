namespace Raft.Silo.Configuration;

/// <summary>The Raft dashboard at <c>/dashboard</c>, bound from <c>Raft:Dashboard</c>.</summary>
public sealed class RaftDashboardOptions
{
    /// <summary>
    /// Whether the page's demo controls work (transfer leadership, pause and resume a peer, put and get a
    /// key). Off by default: the page is read-only and <c>/dashboard/control/*</c> answers 403.
    /// </summary>
    public bool Controls { get; set; }

    /// <summary>How often the page gets a new frame; 200 ms is 5 frames a second.</summary>
    public int IntervalMs { get; set; } = 200;

    /// <summary>How many of each log's last entries the page draws.</summary>
    public int LogCells { get; set; } = 40;

    public string? Validate()
    {
        if (IntervalMs is < 50 or > 5000) return $"Raft:Dashboard:IntervalMs must be between 50 and 5000, was {IntervalMs}";
        if (LogCells is < 1 or > Grains.Dashboard.PeerDashboardView.MaxLogCells)
            return $"Raft:Dashboard:LogCells must be between 1 and {Grains.Dashboard.PeerDashboardView.MaxLogCells}, was {LogCells}";
        return null;
    }
}

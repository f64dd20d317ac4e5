using Raft.Client.Cluster;

namespace Raft.Client;

/// <summary>The console's exit codes, distinct so scripts can tell "no" from "wrong" from "nobody there".</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The cluster answered and refused: not-found, version-mismatch, bad-request, too-large, a queue "false", a membership refusal.</summary>
    public const int OperationFailed = 1;

    /// <summary>The command line was wrong; nothing was sent.</summary>
    public const int UsageError = 2;

    /// <summary>No gateway could be reached, or the cluster could not serve (no leader, unavailable, timed out).</summary>
    public const int ClusterUnreachable = 3;

    /// <summary>Ctrl-C, as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    public static int ForErrorCode(string code) => code switch
    {
        // A leader not ready yet and a transfer under way pass by themselves: the cluster could not serve now.
        ErrorCodes.Unreachable or ErrorCodes.Unavailable or ErrorCodes.Timeout or ErrorCodes.NotLeader
            or ErrorCodes.LeaderNotReady or ErrorCodes.TransferInProgress => ClusterUnreachable,
        _ => OperationFailed,
    };
}

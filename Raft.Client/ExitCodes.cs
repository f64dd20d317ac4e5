using Raft.Client.Api;

namespace Raft.Client;

/// <summary>The console's exit codes, distinct so scripts can tell "no" from "wrong" from "nobody there".</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The cluster answered and refused: not-found, version-mismatch, bad-request, too-large, a queue "false".</summary>
    public const int OperationFailed = 1;

    /// <summary>The command line was wrong; nothing was sent.</summary>
    public const int UsageError = 2;

    /// <summary>No endpoint answered, or none could serve (no leader, unavailable, timed out).</summary>
    public const int ClusterUnreachable = 3;

    /// <summary>Ctrl-C, as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    public static int ForErrorCode(string code) => code switch
    {
        ApiErrorCodes.Unreachable or ApiErrorCodes.Unavailable or ApiErrorCodes.Timeout or ApiErrorCodes.NotLeader => ClusterUnreachable,
        _ => OperationFailed,
    };
}

using Microsoft.Extensions.Logging;

namespace Raft.Silo.Hosting;

/// <summary>Source-generated log messages of grain activations.</summary>
internal static partial class GrainActivationLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "grain {Grain}: {Turn} turn failed (caller notified: {HasCaller})")]
    public static partial void TurnFailed(ILogger logger, Exception exception, GrainId grain, string turn, bool hasCaller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "grain {Grain}: deactivation ran out of time; its running turn was cancelled")]
    public static partial void DeactivationTimedOut(ILogger logger, GrainId grain);
}

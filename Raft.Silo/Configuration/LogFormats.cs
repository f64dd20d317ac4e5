namespace Raft.Silo.Configuration;

/// <summary>What <c>Raft:Logging</c> may name: how the silo writes its log to stdout.</summary>
public static class LogFormats
{
    /// <summary>One line of text per event with a timestamp, as the seeds' traces read (the default).</summary>
    public const string Console = "console";

    /// <summary>One JSON object per line (Microsoft.Extensions.Logging's JSON console formatter), with scopes and every structured field, for a log collector.</summary>
    public const string Json = "json";

    public static IReadOnlyList<string> All { get; } = [Console, Json];
}

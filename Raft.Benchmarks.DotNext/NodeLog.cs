namespace Raft.Benchmarks.DotNext;

/// <summary>The lines this server adds to its member log; the rest is dotNext's and ASP.NET Core's warnings and errors.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "member {Member}: Raft on {RaftEndPoint}, HTTP on {HttpUrl}, data in {DataDirectory}")]
    public static partial void Starting(ILogger logger, int member, string raftEndPoint, string httpUrl, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "leader is now {Leader} (term {Term})")]
    public static partial void LeaderChanged(ILogger logger, string leader, long term);
}

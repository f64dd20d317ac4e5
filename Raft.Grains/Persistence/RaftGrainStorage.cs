namespace Raft.Grains.Persistence;

/// <summary>The name of the grain storage provider that holds peers' hard state (SQLite, PostgreSQL through ADO.NET, or memory).</summary>
public static class RaftGrainStorage
{
    public const string Name = "raft";
}

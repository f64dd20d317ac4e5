namespace Raft.Simulator.Checking.Linearizability;

/// <summary>The store's answers that matter to linearizability, mirroring Raft.Grains' CommandResult.</summary>
public abstract record KvOutput
{
    /// <summary>A put or a successful cas; the version is the log index of the entry that wrote.</summary>
    public sealed record Written(long Version) : KvOutput
    {
        public override string ToString() => $"written v{Version}";
    }

    public sealed record Value(string Text, long Version) : KvOutput
    {
        public override string ToString() => $"{Text}@v{Version}";
    }

    public sealed record NotFound : KvOutput
    {
        public override string ToString() => "not found";
    }

    /// <summary>A cas that did not write; <paramref name="Current"/> is the key's version then (0 when absent).</summary>
    public sealed record VersionMismatch(long Current) : KvOutput
    {
        public override string ToString() => $"version mismatch (v{Current})";
    }

    public sealed record Deleted : KvOutput
    {
        public override string ToString() => "deleted";
    }
}

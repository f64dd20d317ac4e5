namespace Raft.Simulator.Checking.Linearizability;

/// <summary>A request to the replicated key-value store, as a client sends it (the store's put, get, cas and delete).</summary>
public abstract record KvInput(string Key)
{
    public sealed record Put(string Key, string Value) : KvInput(Key)
    {
        public override string ToString() => $"put {Key}={Value}";
    }

    public sealed record Get(string Key) : KvInput(Key)
    {
        public override string ToString() => $"get {Key}";
    }

    /// <summary>Writes only if the key's version is <paramref name="ExpectedVersion"/>; 0 means "only if absent".</summary>
    public sealed record Cas(string Key, long ExpectedVersion, string Value) : KvInput(Key)
    {
        public override string ToString() => $"cas {Key}@{ExpectedVersion}={Value}";
    }

    public sealed record Delete(string Key) : KvInput(Key)
    {
        public override string ToString() => $"delete {Key}";
    }
}

namespace Raft.Benchmarks.HttpLoad;

/// <summary>What every operation of a load does.</summary>
internal enum LoadOperation
{
    /// <summary>A put of a key no earlier operation wrote.</summary>
    Put,

    /// <summary>A linearizable get of a key written before the load (ours: ReadIndex; etcd: a range without serializable).</summary>
    LinearizableGet,
}

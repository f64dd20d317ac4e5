namespace Raft.Grains.Client;

[GenerateSerializer]
public enum ReadConsistency : byte
{
    /// <summary>ReadIndex at the leader: reflects every write acknowledged before the read began.</summary>
    Linearizable = 0,
    /// <summary>This silo's own peer's state, which may lag the leader; only when the client asks for it.</summary>
    Stale = 1,
}

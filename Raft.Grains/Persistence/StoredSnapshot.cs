namespace Raft.Grains.Persistence;

/// <summary>A snapshot as stored: the state machine's bytes and the last log entry they cover (Raft §7).</summary>
public sealed record StoredSnapshot(long LastIndex, long LastTerm, ReadOnlyMemory<byte> Data);

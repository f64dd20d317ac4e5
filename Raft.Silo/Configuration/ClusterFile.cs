namespace Raft.Silo.Configuration;

/// <summary>The seeds' cluster file: <c>{"addresses":[{"ip":"127.0.0.1","port":P,"internal_port":Q}, ...]}</c>.</summary>
public sealed record ClusterFile(IReadOnlyList<ClusterFileAddress> Addresses);

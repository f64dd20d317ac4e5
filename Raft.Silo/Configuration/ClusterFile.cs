namespace Raft.Silo.Configuration;

/// <summary>
/// The seeds' cluster file: <c>{"addresses":[{"ip":"127.0.0.1","port":P,"internal_port":Q}, ...]}</c>, with an
/// optional <c>"initial_voters": N</c>: the first N members form the group at its first start, the others
/// start as joiners that wait to be added (null: every member, as files without it always meant).
/// </summary>
public sealed record ClusterFile(IReadOnlyList<ClusterFileAddress> Addresses, int? InitialVoters = null);

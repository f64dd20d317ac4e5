namespace Raft.Silo.Storage;

/// <summary>Where a migrated PostgreSQL schema is and which script version it is at.</summary>
/// <param name="Database">current_database() of the connection.</param>
/// <param name="Schema">The schema the scripts were applied to: the first existing one on the search path.</param>
/// <param name="Version">The newest script version recorded in the schema's schema_version.</param>
public sealed record PostgresSchemaState(string Database, string Schema, int Version);

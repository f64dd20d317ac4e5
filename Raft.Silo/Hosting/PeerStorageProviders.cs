using Raft.Silo.Configuration;
using Raft.Silo.Storage;

namespace Raft.Silo.Hosting;

/// <summary>
/// Picks the storage provider named in the options (Orleans: a named grain storage provider): SQLite, one
/// file per silo under its data folder (the default); PostgreSQL, from a connection string; or memory, for
/// tests that need no durability.
/// </summary>
public static class PeerStorageProviders
{
    public static IPeerStorageFactory Create(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Provider switch
        {
            StorageOptions.Memory => new InMemoryPeerStorageFactory(),
            StorageOptions.Sqlite => new ProviderPeerStorageFactory(StorageOptions.Sqlite, new SqliteStorageProvider(storage.DataDirectory!)),
            StorageOptions.PostgreSql => new ProviderPeerStorageFactory(StorageOptions.PostgreSql, new PostgresStorageProvider(storage.ConnectionString!)),
            _ => throw new SiloOptionsException($"Raft:Storage:Provider '{storage.Provider}' is not one of {string.Join(", ", StorageOptions.Providers)}"),
        };
    }
}

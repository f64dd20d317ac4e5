using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>
/// Picks the storage provider named in the options. The SQLite and PostgreSQL providers
/// (Raft.Silo/Storage) plug in here, one line each.
/// </summary>
public static class PeerStorageProviders
{
    public static IPeerStorageFactory Create(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.Provider switch
        {
            StorageOptions.Memory => new InMemoryPeerStorageFactory(),
            // The providers in Raft.Silo/Storage plug in here, e.g.:
            // StorageOptions.Sqlite => new DelegatePeerStorageFactory(StorageOptions.Sqlite, id => new SqlitePeerStorage(storage.DataDirectory!, id)),
            // StorageOptions.PostgreSql => new DelegatePeerStorageFactory(StorageOptions.PostgreSql, id => new PostgreSqlPeerStorage(storage.ConnectionString!, id)),
            _ => throw new SiloOptionsException($"Raft:Storage:Provider '{storage.Provider}' is not built into this silo yet; use '{StorageOptions.Memory}'"),
        };
    }
}

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
            // StorageOptions.Sqlite => new SqlitePeerStorageFactory(storage.DataDirectory!),
            // StorageOptions.PostgreSql => new PostgreSqlPeerStorageFactory(storage.ConnectionString!),
            _ => throw new SiloOptionsException($"Raft:Storage:Provider '{storage.Provider}' is not built into this silo yet; use '{StorageOptions.Memory}'"),
        };
    }
}

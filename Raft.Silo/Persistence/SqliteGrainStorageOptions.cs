using Orleans.Storage;

namespace Raft.Silo.Persistence;

/// <summary>
/// The options of one named <see cref="SqliteGrainStorage"/>. The serializer is filled in after configuration,
/// as for Orleans' own providers: a serializer registered under the provider's name, else the silo's default
/// grain storage serializer.
/// </summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The SQLite file, normally the silo's raft.db.</summary>
    public string DatabaseFile { get; set; } = "";

    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}

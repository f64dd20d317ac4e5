using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Raft.Silo.Persistence;

/// <summary>Registers a named <see cref="SqliteGrainStorage"/>, for <c>[PersistentState(stateName, name)]</c>.</summary>
public static class SqliteGrainStorageExtensions
{
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, string databaseFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        var services = builder.Services;
        services.AddOptions<SqliteGrainStorageOptions>(name).Configure(options => options.DatabaseFile = databaseFile);
        services.TryAddEnumerable(ServiceDescriptor.Transient<
            IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        services.AddGrainStorage(name, (provider, key) => new SqliteGrainStorage(
            key,
            provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(key),
            provider.GetRequiredService<IActivatorProvider>(),
            provider.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return builder;
    }
}

using Microsoft.AspNetCore.Builder;

namespace Raft.Silo.Http;

/// <summary>
/// The client HTTP API Raft.Client speaks: the key-value store, seed 002's queue and the cluster status, with
/// one problem model for every error. Each endpoint resolves <see cref="Raft.Grains.Client.IClientGrain"/>
/// (and optionally <see cref="HttpApiOptions"/>) per request, so mapping needs nothing registered.
/// </summary>
public static class ClientApi
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ApiFallbackMiddleware>();
        KeyValueEndpoints.Map(app);
        QueueEndpoints.Map(app);
        ClusterEndpoints.Map(app);
        MembersEndpoints.Map(app);
    }
}

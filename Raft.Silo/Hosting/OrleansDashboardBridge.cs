using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Raft.Silo.Hosting;

/// <summary>
/// Mounts the Orleans Dashboard (Microsoft.Orleans.Dashboard) read-only on the front door's HTTP host at
/// <see cref="Path"/>. The dashboard registers its services in the silo's container, but the front door is
/// a web application of its own; so the silo remembers which services the dashboard registered, and the
/// front door forwards each of them to the silo's instance (the dashboard's types are internal to it, so
/// they are found by what it registered, not by name).
/// </summary>
public sealed class OrleansDashboardBridge(IReadOnlyList<Type> serviceTypes)
{
    public const string Path = "/orleans";

    /// <summary>Adds the dashboard to the silo and records the services it registered.</summary>
    public static void AddTo(ISiloBuilder silo)
    {
        var before = silo.Services.Count;
        silo.AddDashboard();
        var dashboardAssembly = typeof(DashboardOptions).Assembly;
        var types = silo.Services.Skip(before)
            .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.ServiceType.IsGenericTypeDefinition && d.ServiceType.Assembly == dashboardAssembly)
            .Select(d => d.ServiceType)
            .Distinct()
            .ToArray();
        silo.Services.AddSingleton(new OrleansDashboardBridge(types));
    }

    /// <summary>Forwards the dashboard's services from the silo to the web application being built.</summary>
    public void Forward(IServiceCollection web, IServiceProvider silo)
    {
        foreach (var type in serviceTypes) web.AddSingleton(type, _ => silo.GetRequiredService(type));
        web.AddSingleton(silo.GetRequiredService<IOptions<DashboardOptions>>());
    }

    public static void Map(WebApplication app) => app.MapOrleansDashboard(Path);
}

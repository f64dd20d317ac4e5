using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Raft.Client.Cluster;

/// <summary>
/// Connects as an Orleans client through the listed gateways (static clustering: the console needs no
/// membership table). Orleans picks a live gateway for each call and moves on from a dead one by itself; this
/// class leaves out the gateways that do not accept a connection at all (<see cref="GatewayProbe"/>), bounds
/// what Orleans would otherwise wait for (its connection retries, its 30 s response timeout) by the console's
/// timeout, and keeps Orleans' log off the console unless asked for.
/// </summary>
internal sealed class OrleansClusterConnector : IClusterConnector
{
    /// <summary>The silos' Orleans service id (Raft.Silo's SiloClustering.ServiceId); the cluster id tells clusters apart.</summary>
    public const string ServiceId = "raft";

    /// <summary>
    /// How long Orleans waits before dialling a gateway that just failed again; below
    /// <see cref="DeadlineConnectionRetryFilter.Pause"/> so that each connection retry really dials.
    /// </summary>
    private static readonly TimeSpan _connectionRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Orleans' own response timeout, on top of the console's: the console's deadline cancels a call first.</summary>
    private static readonly TimeSpan _responseTimeoutMargin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan _manifestRetryInterval = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan _openConnectionTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The most the TCP probe of the gateways may take when some do not answer (<see cref="GatewayProbe"/>).</summary>
    private static readonly TimeSpan _probeTimeout = TimeSpan.FromSeconds(1);

    private readonly LogLevel _orleansLogLevel;

    /// <param name="orleansLogLevel">The least severe Orleans log entries written to stderr; <see cref="LogLevel.None"/> for none.</param>
    public OrleansClusterConnector(LogLevel orleansLogLevel = LogLevel.None)
    {
        _orleansLogLevel = orleansLogLevel;
    }

    public async Task<IClusterConnection> ConnectAsync(ClusterConnectionSettings settings, CancellationToken cancellationToken)
    {
        var gatewayNames = string.Join(", ", settings.Gateways);
        var resolved = await ResolveAsync(settings.Gateways, cancellationToken).ConfigureAwait(false);
        var endpoints = await GatewayProbe.ReachableAsync(resolved, Min(settings.Timeout, _probeTimeout), cancellationToken).ConfigureAwait(false);
        // The timeout is for waiting on the cluster: the deadline starts after building the client (local work).
        // The retry filter counts from before it, so it gives up first and the last real failure is what surfaces.
        var startedTimestamp = Stopwatch.GetTimestamp();
        var host = Build(settings, endpoints, startedTimestamp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            await host.StartAsync(deadline.Token).ConfigureAwait(false);
            return new OrleansClusterConnection(host, resolved);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is OperationCanceledException || TransportFailures.IsTransportFailure(e)))
        {
            await OrleansClusterConnection.StopAsync(host).ConfigureAwait(false);
            throw new ClusterUnreachableException(
                e is OperationCanceledException
                    ? $"no gateway answered within {Seconds(settings.Timeout)} s ({gatewayNames})"
                    : $"no gateway answered ({gatewayNames}): {TransportFailures.Describe(e)}",
                e);
        }
        catch
        {
            await OrleansClusterConnection.StopAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    private IHost Build(ClusterConnectionSettings settings, IPEndPoint[] endpoints, long startedTimestamp)
    {
        // The empty builder reads no configuration files or environment and adds no log providers: a command
        // line starts fast and prints only what it means to.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (_orleansLogLevel != LogLevel.None)
        {
            builder.Logging.SetMinimumLevel(_orleansLogLevel);
            // Every level to stderr: stdout carries results only (and --json documents).
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(new DeadlineConnectionRetryFilter(settings.Timeout, startedTimestamp));
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints);
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId;
                cluster.ServiceId = ServiceId;
            });
            client.Configure<ConnectionOptions>(connection =>
            {
                // A gateway that goes silent after the probe (a hung silo, a machine lost since) costs this much when
                // Orleans picks it; a live one connects and shakes hands in a fraction of it.
                connection.OpenConnectionTimeout = Min(settings.Timeout, _openConnectionTimeout);
                connection.ConnectionRetryDelay = _connectionRetryDelay;
            });
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = settings.Timeout + _responseTimeoutMargin);
            // The client fetches the cluster's type manifest through a gateway it picks before any call; if it picks a
            // dead one listed first, it tries again only after this interval (else 5 s: a CLI would stall for it).
            // Between successful fetches it also refreshes the manifest this often: a small call, twice a second.
            client.Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = _manifestRetryInterval);
        });
        return builder.Build();
    }

    /// <summary>Host names become addresses here (Orleans takes IP endpoints); IPv4 first, as the silos listen on it by default.</summary>
    private static async Task<IPEndPoint[]> ResolveAsync(IReadOnlyList<GatewayAddress> gateways, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        var failures = new List<string>();
        foreach (var gateway in gateways)
        {
            if (IPAddress.TryParse(gateway.Host, out var literal))
            {
                endpoints.Add(new IPEndPoint(literal, gateway.Port));
                continue;
            }
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(gateway.Host, cancellationToken).ConfigureAwait(false);
                var address = addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
                if (address is null) failures.Add($"{gateway}: no address");
                else endpoints.Add(new IPEndPoint(address, gateway.Port));
            }
            catch (SocketException e)
            {
                failures.Add($"{gateway}: {e.Message}");
            }
        }
        if (endpoints.Count == 0) throw new ClusterUnreachableException("no gateway address could be resolved: " + string.Join("; ", failures));
        return [.. endpoints.Distinct()];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

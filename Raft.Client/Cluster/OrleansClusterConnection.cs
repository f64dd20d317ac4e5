using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Raft.Grains.Client;

namespace Raft.Client.Cluster;

/// <summary>A started Orleans client host and the gateways it was given, in the user's order.</summary>
internal sealed class OrleansClusterConnection : IClusterConnection
{
    /// <summary>Closing the gateway connections is courtesy, not correctness: a command line does not wait long for it.</summary>
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A metrics page is an extra for the watch: one that is slow to come is skipped for that poll, not waited for.</summary>
    private static readonly TimeSpan _metricsTimeout = TimeSpan.FromSeconds(1);

    private readonly IHost _host;
    private readonly IClusterClient _client;
    private readonly IReadOnlyList<IPEndPoint> _gateways;

    // Created on the first metrics read: only status --watch reads them.
    private HttpClient? _http;

    public OrleansClusterConnection(IHost host, IReadOnlyList<IPEndPoint> gateways)
    {
        _host = host;
        _gateways = gateways;
        _client = host.Services.GetRequiredService<IClusterClient>();
        ClientGrain = _client.GetGrain<IClientGrain>(0);
    }

    public IClientGrain ClientGrain { get; }

    public async Task<string?> FindFirstGatewaySiloAsync(CancellationToken cancellationToken)
    {
        var members = await _client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var gateway in _gateways)
        {
            // A silo advertises one address; a gateway may have been named by another of the machine's
            // addresses, so a port that only one live silo serves identifies it too.
            var member = members.FirstOrDefault(m => m.ProxyPort == gateway.Port && m.SiloAddress.Endpoint.Address.Equals(gateway.Address));
            var samePort = members.Where(m => m.ProxyPort == gateway.Port).ToArray();
            member ??= samePort.Length == 1 ? samePort[0] : null;
            if (member is not null) return member.SiloName;
        }
        return null;
    }

    public async Task<string?> ReadMetricsAsync(string siloAddress, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(siloAddress, UriKind.Absolute, out var silo) || silo.Scheme is not ("http" or "https")) return null;
        _http ??= new HttpClient { Timeout = _metricsTimeout };
        try
        {
            return await _http.GetStringAsync(new Uri(silo, "/metrics"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, not found (metrics off behind a proxy), or past the timeout: no latency this time.
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _http?.Dispose();
        return new(StopAsync(_host));
    }

    /// <summary>Stops and disposes a client host, started or not, within <see cref="_stopTimeout"/>.</summary>
    public static async Task StopAsync(IHost host)
    {
        using var stopping = new CancellationTokenSource(_stopTimeout);
        try
        {
            await host.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || TransportFailures.IsTransportFailure(e))
        {
            // The gateways are gone or slow to say goodbye; the process is leaving anyway.
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            else host.Dispose();
        }
    }
}

using System.Net;

namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// One HttpClient per member URL, each with enough connections for every client of a load to have its own
/// (HTTP/1.1 carries one request at a time per connection), no proxy, and the given time limit per request.
/// </summary>
internal sealed class HttpTargets : IDisposable
{
    private readonly HttpClient[] _clients;

    public HttpTargets(IReadOnlyList<string> urls, int connectionsPerMember, TimeSpan requestTimeout)
    {
        Urls = urls;
        _clients = [.. urls.Select(_ => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connectionsPerMember, UseProxy = false })
        {
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = requestTimeout,
        })];
    }

    public IReadOnlyList<string> Urls { get; }

    public HttpClient this[int member] => _clients[member];

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
    }
}

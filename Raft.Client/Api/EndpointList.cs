namespace Raft.Client.Api;

/// <summary>
/// The silos the client may talk to, most promising first. The client sticks to the endpoint that last
/// answered, and moves a leader a follower named to the front (adding it when it was not configured), so
/// that after one redirect every later request goes straight to the leader.
/// </summary>
internal sealed class EndpointList
{
    private readonly Lock _lock = new();

    // Invariant: non-empty, no duplicates, absolute http(s) URIs ending in "/".
    private readonly List<Uri> _endpoints;

    public EndpointList(IEnumerable<Uri> endpoints)
    {
        _endpoints = [];
        foreach (var endpoint in endpoints)
        {
            var normalized = Normalize(endpoint);
            if (!_endpoints.Contains(normalized)) _endpoints.Add(normalized);
        }
        if (_endpoints.Count == 0) throw new ArgumentException("At least one endpoint is required.", nameof(endpoints));
    }

    /// <summary>Parses "URL,URL,..."; a bare "host:port" means http. Throws <see cref="FormatException"/> on a bad entry.</summary>
    public static EndpointList Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new FormatException("no endpoints given");
        var endpoints = new List<Uri>();
        foreach (var part in parts)
        {
            endpoints.Add(TryParseEndpoint(part) ?? throw new FormatException($"'{part}' is not an http(s) URL"));
        }
        return new EndpointList(endpoints);
    }

    /// <summary>Parses one address as a server reports it ("http://host:port" or "host:port"); null when unusable.</summary>
    public static Uri? TryParseEndpoint(string text)
    {
        // Without a scheme, "localhost:8080" would parse as scheme "localhost"; the seeds print host:port.
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return Normalize(uri);
    }

    /// <summary>The endpoints in the order to try them: the preferred one first.</summary>
    public IReadOnlyList<Uri> InTryOrder()
    {
        lock (_lock) return [.. _endpoints];
    }

    /// <summary>Makes <paramref name="endpoint"/> the first to try from now on.</summary>
    public void Prefer(Uri endpoint)
    {
        var normalized = Normalize(endpoint);
        lock (_lock)
        {
            if (_endpoints[0] == normalized) return;
            _endpoints.Remove(normalized);
            _endpoints.Insert(0, normalized);
        }
    }

    private static Uri Normalize(Uri endpoint)
    {
        var builder = new UriBuilder(endpoint) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/')) builder.Path += "/";
        return builder.Uri;
    }
}

using System.Text.Json;

namespace Raft.Tests.Dashboard;

/// <summary>Reads a silo's <c>/dashboard/frames</c> as a browser's EventSource would: one JSON frame per <c>data:</c> line.</summary>
internal sealed class DashboardStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private DashboardStream(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    public static async Task<DashboardStream> OpenAsync(string siloUrl, CancellationToken cancellationToken)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var response = await http.GetAsync(siloUrl + "/dashboard/frames", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        return new DashboardStream(http, response, reader);
    }

    public async Task<JsonElement> NextAsync(CancellationToken cancellationToken)
    {
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
        }
        throw new EndOfStreamException("the dashboard's stream ended");
    }

    /// <summary>Frames until one satisfies <paramref name="condition"/>; fails with the last frame after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        JsonElement last = default;
        try
        {
            while (true)
            {
                last = await NextAsync(deadline.Token);
                if (condition(last)) return last;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"no dashboard frame showed {what} within {timeout.TotalSeconds:F0} s; the last: {last}");
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

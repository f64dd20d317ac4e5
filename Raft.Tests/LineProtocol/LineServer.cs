using System.Net;
using Microsoft.Extensions.Logging;
using Raft.Silo.LineProtocol;
using Raft.Tests.Support;

namespace Raft.Tests.LineProtocol;

/// <summary>A line protocol listener on an ephemeral loopback port over an in-memory store, with its log kept.</summary>
internal sealed class LineServer : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    private LineServer(ILoggerFactory loggerFactory, LineProtocolListener listener, InMemoryLineStore store, RecordingLoggerProvider logs)
    {
        _loggerFactory = loggerFactory;
        Listener = listener;
        Store = store;
        Logs = logs;
    }

    public InMemoryLineStore Store { get; }

    public RecordingLoggerProvider Logs { get; }

    public LineProtocolListener Listener { get; }

    public static async Task<LineServer> StartAsync(LineProtocolOptions? options = null)
    {
        var logs = new RecordingLoggerProvider();
        var store = new InMemoryLineStore();
        var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var listener = await LineProtocolListener.StartAsync(
            new IPEndPoint(IPAddress.Loopback, 0), store, options ?? new LineProtocolOptions(), loggerFactory,
            cancellationToken: TestContext.Current.CancellationToken);
        return new LineServer(loggerFactory, listener, store, logs);
    }

    public Task<LineClient> ConnectAsync() => LineClient.ConnectAsync(Listener.EndPoint);

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        _loggerFactory.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// What a netcat user does, in code: one TCP connection, bytes out, bytes in. Every read waits at most
/// <see cref="Timeout"/> and fails naming what it expected and what did arrive, so no test sleeps or hangs.
/// </summary>
internal sealed class LineClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private LineClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<LineClient> ConnectAsync(IPEndPoint server)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(server, TestContext.Current.CancellationToken);
            return new LineClient(tcp);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);

    /// <summary>Reads exactly as many bytes as <paramref name="expected"/> has and compares them byte for byte.</summary>
    public async Task ExpectAsync(string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(expected);
        var received = await ReadAsync(bytes.Length, expected);
        Assert.Equal(Printable(expected), Printable(Encoding.UTF8.GetString(received)));
    }

    /// <summary>Reads one reply line (for replies whose exact bytes a test cannot know, such as a version), without its \r\n.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var line = new List<byte>();
        var one = new byte[1];
        while (!(line.Count >= 2 && line[^2] == '\r' && line[^1] == '\n'))
        {
            var n = await _stream.ReadAsync(one, timeout.Token);
            Assert.True(n == 1, $"The server closed after '{Printable(Encoding.UTF8.GetString(line.ToArray()))}'.");
            line.Add(one[0]);
        }
        return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 2);
    }

    /// <summary>Sends one command and checks the whole reply.</summary>
    public async Task RoundTripAsync(string command, string expectedReply)
    {
        await SendAsync(command);
        await ExpectAsync(expectedReply);
    }

    /// <summary>Waits for the server to close the connection, failing if it sends anything first or stays open.</summary>
    public async Task ExpectClosedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var scratch = new byte[256];
        try
        {
            var n = await _stream.ReadAsync(scratch, timeout.Token);
            Assert.True(n == 0, $"Expected the server to close; it sent '{Printable(Encoding.UTF8.GetString(scratch, 0, n))}'.");
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"The server kept the connection open for {Timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<byte[]> ReadAsync(int count, string expected)
    {
        var buffer = new byte[count];
        var filled = 0;
        var closed = false;
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (filled < count && !closed)
            {
                var n = await _stream.ReadAsync(buffer.AsMemory(filled), timeout.Token);
                closed = n == 0;
                filled += n;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Reported below with what did arrive.
        }
        var got = Printable(Encoding.UTF8.GetString(buffer, 0, filled));
        var ending = closed ? "the server closed the connection" : $"{Timeout.TotalSeconds} s passed";
        Assert.True(filled == count, $"Expected '{Printable(expected)}'; got '{got}' before {ending}.");
        return buffer;
    }

    /// <summary>Shows line endings, so a failure message tells "OK 1\r\n" from "OK 1\n".</summary>
    private static string Printable(string text) => text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

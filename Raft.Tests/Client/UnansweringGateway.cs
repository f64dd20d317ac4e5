using System.Net;
using System.Net.Sockets;

namespace Raft.Tests.Client;

/// <summary>
/// A loopback port that behaves like a gateway whose machine is gone: it neither refuses nor accepts. Its
/// listener never accepts and its backlog is filled, so the kernel drops further connection attempts
/// unanswered, as a dead host or a firewall does.
/// </summary>
internal sealed class UnansweringGateway : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    public UnansweringGateway()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        Address = $"127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";
        // Fill the backlog until a connection attempt goes unanswered (Linux queues backlog + 1). Each attempt
        // is a non-blocking connect polled with a system call: a loopback connect the backlog takes is done at
        // once, one the full backlog drops never is. Waiting on ConnectAsync's task instead (200 ms, then 1 s)
        // measured the thread pool, which a full test run starves at its start: the backlog was taken for full
        // with room left, and the probe got in.
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            _fillers.Add(filler);
            try
            {
                filler.Connect(_listener.LocalEndPoint!);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                if (!filler.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectWrite)) return;
            }
        }
        throw new InvalidOperationException("the listener's backlog never filled");
    }

    /// <summary>"127.0.0.1:port".</summary>
    public string Address { get; }

    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}

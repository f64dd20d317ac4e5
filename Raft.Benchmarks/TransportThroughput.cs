using System.Diagnostics;
using System.Net;
using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Benchmarks;

/// <summary>
/// Messages per second from one silo to another over loopback, through the real codec, queue, socket and
/// Kestrel listener. The producer keeps at most a window of messages in flight so the bounded queue never
/// drops; drops, if any, are reported. Run: dotnet run -c Release --project Raft.Benchmarks -- transport
/// </summary>
internal static class TransportThroughput
{
    private const int WindowMessages = 2048;

    public static async Task RunAsync()
    {
        Console.WriteLine("transport throughput over loopback, one connection:");
        await MeasureAsync("heartbeat", 1_000_000, i => Heartbeat(i));
        await MeasureAsync("append 64 x 256 B", 20_000, i => Append(i, entries: 64, entryBytes: 256));
    }

    private static async Task MeasureAsync(string name, int count, Func<int, Message> make)
    {
        var sink = new CountingSink(count);
        var counters = new TransportCounters();
        var listenerOptions = new TransportOptions { SiloName = "B" };
        await using var listener = await TransportListener.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), listenerOptions, sink, counters);
        var routes = new Dictionary<int, SiloEndpoint> { [2] = new("B", "127.0.0.1", listener.EndPoint.Port) };
        await using var transport = new SiloTransport(new TransportOptions { SiloName = "A", Routes = routes, SendQueueCapacity = WindowMessages * 2 }, sink);
        var messages = Enumerable.Range(0, count).Select(make).ToArray();

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            while (i - sink.Received > WindowMessages) Thread.Yield();
            transport.Send(messages[i]);
        }
        await sink.AllReceived.WaitAsync(TimeSpan.FromMinutes(2));
        stopwatch.Stop();

        var perSecond = count / stopwatch.Elapsed.TotalSeconds;
        var bytes = (double)FrameCodec.GetMessageFrameLength(messages[0]) + 4;
        Console.WriteLine(
            $"  {name,-20} {count,9:N0} msgs in {stopwatch.Elapsed.TotalSeconds,6:F2} s = {perSecond,12:N0} msg/s, " +
            $"{perSecond * bytes / (1024 * 1024),8:N1} MiB/s, dropped {transport.Counters.Dropped}");
    }

    private static Message Heartbeat(int i) => new() { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 5, Commit = i, Context = i };

    private static Message Append(int i, int entries, int entryBytes)
    {
        var payload = new byte[entryBytes];
        return new Message
        {
            Type = MessageType.Append,
            From = 1,
            To = 2,
            Term = 5,
            LogTerm = 5,
            Index = (long)i * entries,
            Commit = i,
            Entries = Enumerable.Range(1, entries).Select(e => new Entry(5, (long)i * entries + e, EntryType.Normal, payload)).ToArray(),
        };
    }

    private sealed class CountingSink(int expected) : IInboundMessageSink
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _received;

        public int Received => Volatile.Read(ref _received);

        public Task AllReceived => _all.Task;

        public void Deliver(Message message)
        {
            if (Interlocked.Increment(ref _received) == expected) _all.TrySetResult();
        }
    }
}

using System.Threading.Channels;
using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>An inbound sink that records every delivery in order and lets a test await the next one.</summary>
internal sealed class RecordingSink : IInboundMessageSink
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly Channel<Message> _delivered = Channel.CreateUnbounded<Message>();

    public void Deliver(Message message) => _delivered.Writer.TryWrite(message);

    /// <summary>The next delivered message; fails the test with <paramref name="what"/> if none comes within the timeout.</summary>
    public async Task<Message> NextAsync(string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _delivered.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No message delivered within {Timeout.TotalSeconds} s: expected {what}.");
            throw;
        }
    }

    /// <summary>True if a message is waiting; used after a sentinel proves earlier traffic has been processed.</summary>
    public bool TryTake(out Message? message) => _delivered.Reader.TryRead(out message);
}

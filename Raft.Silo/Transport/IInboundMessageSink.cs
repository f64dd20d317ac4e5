using Raft.Core.Messages;

namespace Raft.Silo.Transport;

/// <summary>
/// Where the transport hands every message addressed to a peer this silo hosts. The host routes it by
/// <see cref="Message.To"/> to that peer's mailbox. Called from I/O threads, possibly concurrently, and
/// must not block: enqueue and return.
/// </summary>
public interface IInboundMessageSink
{
    void Deliver(Message message);
}

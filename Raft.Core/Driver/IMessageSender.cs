using Raft.Core.Messages;

namespace Raft.Core.Driver;

/// <summary>One-way delivery of Raft messages. Must not block: a full queue drops, and Raft retransmits.</summary>
public interface IMessageSender
{
    void Send(Message message);
}

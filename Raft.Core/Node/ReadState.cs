namespace Raft.Core.Node;

/// <summary>
/// The answer to <see cref="RaftNode.ReadIndex"/>: once this peer has applied up to <see cref="Index"/>, a
/// read of its state machine reflects every write that committed before the read was asked for
/// (Raft dissertation §6.4). <see cref="Context"/> is the host's id for the request.
/// </summary>
public readonly record struct ReadState(long Context, long Index);

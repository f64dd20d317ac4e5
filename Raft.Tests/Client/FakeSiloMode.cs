namespace Raft.Tests.Client;

/// <summary>How a fake silo treats requests (every request is recorded first, whatever the mode).</summary>
internal enum FakeSiloMode
{
    /// <summary>Serves from the shared state, as a leader would.</summary>
    Leader,

    /// <summary>Answers 421 not-leader naming <see cref="FakeRaftServer.LeaderAddress"/> (or no leader when null).</summary>
    Follower,

    /// <summary>Answers 503 unavailable, as a silo without a quorum would.</summary>
    Unavailable,

    /// <summary>Applies the request, then drops the connection before answering: the reply is lost.</summary>
    ApplyThenDropConnection,
}

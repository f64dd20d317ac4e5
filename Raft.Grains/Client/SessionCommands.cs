using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>The log commands that open client sessions (dissertation §6.3).</summary>
internal static class SessionCommands
{
    /// <summary>An anonymous session for this silo's own use, or (with a name) the session of a client that names itself.</summary>
    public static Command Register(string? name) => Command.RegisterSession(name: name);
}

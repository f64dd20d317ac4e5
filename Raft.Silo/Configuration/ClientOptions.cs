namespace Raft.Silo.Configuration;

/// <summary>How the silo's client grain serves requests ("Raft:Client").</summary>
public sealed class ClientOptions
{
    /// <summary>Forward a request to the silo hosting the leader; false: answer not-leader (ERR_REDIRECT) with its address.</summary>
    public bool ForwardToLeader { get; set; } = true;

    /// <summary>How long a request may take, retries across leader changes included.</summary>
    public int RequestTimeoutMs { get; set; } = 10_000;
}

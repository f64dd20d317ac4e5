namespace Raft.Silo.Transport;

/// <summary>Where a silo listens for transport connections. The name is the silo's identity in handshakes and faults.</summary>
public sealed record SiloEndpoint(string SiloName, string Host, int Port)
{
    public override string ToString() => $"{SiloName}@{Host}:{Port}";
}

namespace Raft.Silo.Transport;

/// <summary>The production default: every message goes through.</summary>
internal sealed class NoTransportFaults : ITransportFaults
{
    public static readonly NoTransportFaults Instance = new();

    public FaultVerdict OnSend(string fromSilo, string toSilo) => FaultVerdict.Deliver;

    public bool IsBlocked(string fromSilo, string toSilo) => false;
}

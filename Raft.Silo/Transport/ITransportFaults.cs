namespace Raft.Silo.Transport;

/// <summary>
/// Test hook that decides the fate of traffic between two silos. Consulted on send for every remote
/// message, and on receive for blocks, so that a partition also stops what was queued or in flight when
/// it began.
/// </summary>
public interface ITransportFaults
{
    /// <summary>What to do with one message from <paramref name="fromSilo"/> to <paramref name="toSilo"/>.</summary>
    FaultVerdict OnSend(string fromSilo, string toSilo);

    /// <summary>True while traffic from one silo to the other is cut (one-way).</summary>
    bool IsBlocked(string fromSilo, string toSilo);
}

namespace Raft.Grains.Dashboard;

/// <summary>A peer's most recent events, oldest first, in a ring of <see cref="Capacity"/>: older ones are forgotten.</summary>
public sealed class PeerTimeline
{
    public const int Capacity = 32;

    private readonly PeerEvent[] _ring = new PeerEvent[Capacity];
    private long _next = 1;

    public void Record(long atUnixMs, PeerEventKind kind, long term, int leader, long index)
    {
        _ring[(int)(_next % Capacity)] = new PeerEvent(_next, atUnixMs, kind, term, leader, index);
        _next++;
    }

    public PeerEvent[] Recent()
    {
        var count = (int)Math.Min(_next - 1, Capacity);
        var events = new PeerEvent[count];
        for (var i = 0; i < count; i++) events[i] = _ring[(int)((_next - count + i) % Capacity)];
        return events;
    }
}

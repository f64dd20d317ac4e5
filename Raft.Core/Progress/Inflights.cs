namespace Raft.Core.Progress;

/// <summary>
/// The last index of each Append in flight to one follower, oldest first, in a fixed ring. Bounds what a
/// leader streams to a follower that is slow to acknowledge.
/// </summary>
internal sealed class Inflights(int capacity)
{
    private readonly long[] _buffer = new long[capacity];
    private int _start;

    public int Count { get; private set; }

    public bool Full => Count == _buffer.Length;

    public void Add(long lastIndex)
    {
        if (Full) throw new Node.RaftInvariantException("inflights overflow: the leader sent while paused");
        _buffer[(_start + Count) % _buffer.Length] = lastIndex;
        Count++;
    }

    /// <summary>Frees every Append whose last index is at or below index (acknowledged cumulatively).</summary>
    public void FreeUpTo(long index)
    {
        while (Count > 0 && _buffer[_start] <= index)
        {
            _start = (_start + 1) % _buffer.Length;
            Count--;
        }
    }

    public void FreeFirst()
    {
        if (Count == 0) return;
        _start = (_start + 1) % _buffer.Length;
        Count--;
    }

    public void Reset()
    {
        _start = 0;
        Count = 0;
    }
}

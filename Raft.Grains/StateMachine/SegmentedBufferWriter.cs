using System.Buffers;

namespace Raft.Grains.StateMachine;

/// <summary>
/// A buffer writer over 64 KiB segments, for whole-state snapshots: an <see cref="ArrayBufferWriter{T}"/> grows
/// by doubling, so a 40 MB snapshot left about 80 MB of garbage arrays on the large object heap on its way and
/// kept up to twice its size. Segments stay below the large-object threshold (85,000 bytes) and are collected
/// young; <see cref="ToArray"/> makes the one array of exactly the written size that the snapshot keeps.
/// </summary>
public sealed class SegmentedBufferWriter : IBufferWriter<byte>
{
    /// <summary>Below the runtime's 85,000-byte large-object threshold.</summary>
    public const int SegmentBytes = 64 * 1024;

    private readonly List<(byte[] Buffer, int Used)> _full = [];
    private byte[] _current = [];
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _current.AsSpan(_used);
    }

    /// <summary>Everything written, in one array of exactly <see cref="Length"/> bytes.</summary>
    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(checked((int)Length));
        var offset = 0;
        foreach (var (buffer, used) in _full.Append((_current, _used)))
        {
            buffer.AsSpan(0, used).CopyTo(result.AsSpan(offset));
            offset += used;
        }
        return result;
    }

    /// <summary>Writes everything written here to <paramref name="destination"/>.</summary>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var (buffer, used) in _full.Append((_current, _used))) destination.Write(buffer.AsSpan(0, used));
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used >= needed) return;
        if (_used > 0) _full.Add((_current, _used));
        // One field larger than a segment (a value near the size limit) gets a segment of its own size.
        _current = new byte[Math.Max(SegmentBytes, needed)];
        _used = 0;
    }
}

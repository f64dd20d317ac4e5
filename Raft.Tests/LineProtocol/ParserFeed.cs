using System.Buffers;
using System.Text;
using Raft.Silo.LineProtocol;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// Drives a parser the way the connection loop does: bytes arrive in chunks, unconsumed bytes stay buffered
/// and are offered again with the next chunk. Each offer is split into segments of the chunk size, so lines
/// that straddle segments are exercised too. Records the most bytes ever left buffered.
/// </summary>
internal sealed class ParserFeed(LineCommandParser parser)
{
    private readonly List<byte> _pending = [];

    public List<LineParseResult> Results { get; } = [];

    /// <summary>The largest number of bytes the parser left unconsumed after an offer.</summary>
    public int PeakBufferedBytes { get; private set; }

    public static List<LineParseResult> All(string input, int chunkBytes = int.MaxValue, LineProtocolOptions? options = null) =>
        All(Encoding.UTF8.GetBytes(input), chunkBytes, options);

    public static List<LineParseResult> All(byte[] input, int chunkBytes = int.MaxValue, LineProtocolOptions? options = null)
    {
        var feed = new ParserFeed(new LineCommandParser(options ?? new LineProtocolOptions()));
        feed.Offer(input, chunkBytes);
        return feed.Results;
    }

    public void Offer(string input, int chunkBytes = int.MaxValue) => Offer(Encoding.UTF8.GetBytes(input), chunkBytes);

    public void Offer(byte[] input, int chunkBytes = int.MaxValue)
    {
        for (var at = 0; at < input.Length; at += chunkBytes)
        {
            _pending.AddRange(input.AsSpan(at, Math.Min(chunkBytes, input.Length - at)));
            var buffer = Segmented([.. _pending], Math.Max(1, Math.Min(chunkBytes, _pending.Count)));
            while (parser.TryReadNext(ref buffer, out var result)) Results.Add(result);
            _pending.RemoveRange(0, _pending.Count - (int)buffer.Length);
            PeakBufferedBytes = Math.Max(PeakBufferedBytes, _pending.Count);
        }
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentBytes)
    {
        if (bytes.Length <= segmentBytes) return new ReadOnlySequence<byte>(bytes);
        var first = new Segment(bytes.AsMemory(0, segmentBytes), 0);
        var last = first;
        for (var at = segmentBytes; at < bytes.Length; at += segmentBytes)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(segmentBytes, bytes.Length - at)));
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

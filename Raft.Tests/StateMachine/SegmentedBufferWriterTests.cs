using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves that the snapshot buffer gives back exactly what was written, in order, across segment boundaries,
/// for writes that fill a segment partly, exactly, or need more than a segment at once, and refuses to
/// advance past the space it handed out.
/// </summary>
public sealed class SegmentedBufferWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(SegmentedBufferWriter.SegmentBytes)]
    [InlineData(SegmentedBufferWriter.SegmentBytes + 1)]
    [InlineData(3 * SegmentedBufferWriter.SegmentBytes + 17)]
    public void Writes_ComeBackInOrder_AsOneExactArray(int total)
    {
        var expected = new byte[total];
        new Random(total).NextBytes(expected);
        var writer = new SegmentedBufferWriter();
        // Uneven pieces, so some straddle the segment boundaries.
        for (var offset = 0; offset < total;)
        {
            var piece = Math.Min(total - offset, 1 + (offset % 7919));
            expected.AsSpan(offset, piece).CopyTo(writer.GetSpan(piece));
            writer.Advance(piece);
            offset += piece;
        }

        Assert.Equal(total, writer.Length);
        Assert.Equal(expected, writer.ToArray());
    }

    [Fact]
    public void AFieldLargerThanASegment_GetsRoomOfItsOwn()
    {
        var writer = new SegmentedBufferWriter();
        writer.GetSpan(10)[0] = 1;
        writer.Advance(1);
        var large = new byte[2 * SegmentedBufferWriter.SegmentBytes];
        large.AsSpan().Fill(7);

        var span = writer.GetSpan(large.Length);
        Assert.True(span.Length >= large.Length);
        large.CopyTo(span);
        writer.Advance(large.Length);

        Assert.Equal([1, .. large], writer.ToArray());
    }

    [Fact]
    public void AdvancePastTheSpaceHandedOut_Throws()
    {
        var writer = new SegmentedBufferWriter();
        var room = writer.GetSpan(1).Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(room + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Advance(-1));
        Assert.Equal(0, writer.Length);
    }
}

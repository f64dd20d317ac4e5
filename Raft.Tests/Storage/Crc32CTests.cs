using Raft.Core.Checksums;
using System.Text;
using Raft.Core.Messages;
using Raft.Grains;
using Raft.Silo.Storage;

namespace Raft.Tests.Storage;

/// <summary>
/// Proves the storage checksum is standard CRC-32C (the published check values), that feeding data in pieces
/// equals feeding it whole, and that record checksums change with every field and with the peer key.
/// </summary>
public sealed class Crc32CTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("123456789", 0xE3069283u)]
    public void Compute_MatchesPublishedCheckValues(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Append_InPieces_EqualsWhole()
    {
        var data = Enumerable.Range(0, 100).Select(i => (byte)(i * 7)).ToArray();
        var pieces = Crc32C.Append(Crc32C.Append(Crc32C.Initial, data.AsSpan(0, 13)), data.AsSpan(13));
        Assert.Equal(Crc32C.Compute(data), Crc32C.Finish(pieces));
    }

    [Fact]
    public void EntryChecksum_ChangesWithEveryFieldAndThePeer()
    {
        var checksum = new RecordChecksum(new PeerKey("kv", 1));
        var data = "payload"u8.ToArray();
        var original = checksum.Entry(5, 2, EntryType.Normal, data);
        Assert.NotEqual(original, checksum.Entry(6, 2, EntryType.Normal, data));
        Assert.NotEqual(original, checksum.Entry(5, 3, EntryType.Normal, data));
        Assert.NotEqual(original, checksum.Entry(5, 2, EntryType.NoOp, data));
        Assert.NotEqual(original, checksum.Entry(5, 2, EntryType.Normal, "Payload"u8));
        Assert.NotEqual(original, new RecordChecksum(new PeerKey("kv", 2)).Entry(5, 2, EntryType.Normal, data));
        Assert.NotEqual(checksum.HardState(new HardState(1, 2, 3)), checksum.HardState(new HardState(1, 3, 3)));
    }
}

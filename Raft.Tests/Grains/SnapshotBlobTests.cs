using Raft.Core.Members;
using Raft.Core.Snapshots;
using Raft.Grains.Persistence;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Grains;

/// <summary>
/// Proves the stored snapshot blob keeps what the storage row's columns do not: the membership in effect at
/// the snapshot round-trips with the state machine's bytes exactly, and any blob this codec did not write (too
/// short, another version, a membership length past the end, a membership that does not decode) is refused
/// with <see cref="SnapshotCorruptException"/> naming the snapshot, never returned as a snapshot.
/// </summary>
public sealed class SnapshotBlobTests
{
    private static readonly Membership Members = Membership.Of([1, 2, 3], [4]);

    private static Snapshot SnapshotAt(long index, long term, byte[] data) => new(new SnapshotMetadata(index, term, Members), data);

    [Fact]
    public void EncodeThenDecode_KeepsMembershipAndData()
    {
        var blob = SnapshotBlob.Encode(SnapshotAt(42, 7, [9, 8, 7, 6]));

        var snapshot = SnapshotBlob.Decode(new StoredSnapshot(42, 7, blob));

        Assert.Equal(new SnapshotMetadata(42, 7, Members), snapshot.Metadata);
        Assert.Equal([9, 8, 7, 6], snapshot.Data.ToArray());
    }

    [Fact]
    public void EmptyStateMachineBytes_RoundTrip()
    {
        var snapshot = SnapshotBlob.Decode(new StoredSnapshot(1, 1, SnapshotBlob.Encode(SnapshotAt(1, 1, []))));

        Assert.Equal(0, snapshot.Data.Length);
        Assert.Equal(Members, snapshot.Metadata.Membership);
    }

    [Fact]
    public void DataAlreadyBehindItsHeader_IsEncodedAsItsOwnArray_WithoutACopy()
    {
        var header = SnapshotBlob.HeaderFor(Members);
        var array = new byte[header.Length + 4];
        header.CopyTo(array, 0);
        new byte[] { 9, 8, 7, 6 }.CopyTo(array, header.Length);
        var snapshot = new Snapshot(new SnapshotMetadata(42, 7, Members), array.AsMemory(header.Length));

        var blob = SnapshotBlob.Encode(snapshot);

        Assert.Same(array, blob);
        Assert.Equal([9, 8, 7, 6], SnapshotBlob.Decode(new StoredSnapshot(42, 7, blob)).Data.ToArray());
    }

    [Fact]
    public void DataBehindAnotherHeader_OrNotAtTheArraysEnd_IsCopiedWithTheRightHeader()
    {
        var otherHeader = SnapshotBlob.HeaderFor(Membership.Of([1, 2, 3], []));
        var array = new byte[otherHeader.Length + 5];
        otherHeader.CopyTo(array, 0);
        var behindOther = new Snapshot(new SnapshotMetadata(42, 7, Members), array.AsMemory(otherHeader.Length, 4));
        var header = SnapshotBlob.HeaderFor(Members);
        var padded = new byte[header.Length + 5];
        header.CopyTo(padded, 0);
        var notAtEnd = new Snapshot(new SnapshotMetadata(42, 7, Members), padded.AsMemory(header.Length, 4));

        foreach (var snapshot in new[] { behindOther, notAtEnd })
        {
            var blob = SnapshotBlob.Encode(snapshot);
            Assert.Equal(header.Length + 4, blob.Length);
            Assert.Equal(Members, SnapshotBlob.Decode(new StoredSnapshot(42, 7, blob)).Metadata.Membership);
        }
    }

    public static TheoryData<string, byte[]> CorruptBlobs()
    {
        var good = SnapshotBlob.Encode(SnapshotAt(5, 2, [1, 2, 3]));
        var otherVersion = (byte[])good.Clone();
        otherVersion[0] = 2;
        var lengthPastEnd = (byte[])good.Clone();
        lengthPastEnd[1] = 0xFF;
        var badMembership = (byte[])good.Clone();
        badMembership[5] = 0xFF; // the voter count no longer fits the membership's length
        return new TheoryData<string, byte[]>
        {
            { "shorter than", [] },
            { "shorter than", [SnapshotBlob.Version, 0, 0] },
            { "unknown version 2", otherVersion },
            { "runs past", lengthPastEnd },
            { "membership does not decode", badMembership },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptBlobs))]
    public void CorruptBlob_IsRefusedTyped_NamingTheSnapshot(string problem, byte[] blob)
    {
        var error = Assert.Throws<SnapshotCorruptException>(() => SnapshotBlob.Decode(new StoredSnapshot(5, 2, blob)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("2/5", error.Message, StringComparison.Ordinal);
    }
}

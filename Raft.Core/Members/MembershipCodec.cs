using System.Buffers.Binary;

namespace Raft.Core.Members;

/// <summary>
/// A membership as bytes, for configuration entries and snapshot metadata: voter count, learner count (u16
/// each), then the ids (i32 each), little-endian. Decoding refuses anything else, typed.
/// </summary>
public static class MembershipCodec
{
    /// <summary>Bounds what a decoder accepts, so a corrupt count cannot make it allocate without limit.</summary>
    public const int MaxMembers = 1024;

    public static byte[] Encode(Membership membership)
    {
        var bytes = new byte[4 + 4 * (membership.Voters.Count + membership.Learners.Count)];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)membership.Voters.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)membership.Learners.Count);
        var at = 4;
        foreach (var id in membership.Voters.Concat(membership.Learners))
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), id);
            at += 4;
        }
        return bytes;
    }

    /// <summary>Decodes exactly one membership from <paramref name="bytes"/>; null when they are not one.</summary>
    public static Membership? TryDecode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) return null;
        int voters = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        int learners = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]);
        if (voters + learners > MaxMembers || bytes.Length != 4 + 4 * (voters + learners)) return null;
        var ids = new int[voters + learners];
        for (var i = 0; i < ids.Length; i++) ids[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 + 4 * i)..]);
        for (var i = 1; i < voters; i++) if (ids[i] <= ids[i - 1]) return null;
        for (var i = voters + 1; i < ids.Length; i++) if (ids[i] <= ids[i - 1]) return null;
        if (ids.Any(id => id <= 0) || ids.Distinct().Count() != ids.Length) return null;
        return Membership.Of(ids[..voters], ids[voters..]);
    }
}

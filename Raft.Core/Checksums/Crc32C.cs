using System.Buffers.Binary;
using System.Numerics;

namespace Raft.Core.Checksums;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of iSCSI, ext4 and etcd's WAL, over storage records and state-machine
/// snapshots alike. Written here rather than taken from
/// System.IO.Hashing to add no package: <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2/ARM
/// CRC instruction when present and a software table otherwise. The state is the running register; start
/// from <see cref="Initial"/>, feed bytes, and <see cref="Finish"/> applies the final inversion.
/// </summary>
public static class Crc32C
{
    public const uint Initial = 0xFFFF_FFFFu;

    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) state = BitOperations.Crc32C(state, b);
        return state;
    }

    public static uint Append(uint state, long value) => BitOperations.Crc32C(state, unchecked((ulong)value));

    public static uint Append(uint state, int value) => BitOperations.Crc32C(state, unchecked((uint)value));

    public static uint Finish(uint state) => ~state;

    /// <summary>The whole checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Initial, data));
}

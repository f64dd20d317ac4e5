using System.Buffers.Binary;
using System.Numerics;

namespace Raft.Grains.StateMachine;

/// <summary>
/// CRC-32C (Castagnoli) over snapshot bytes, the checksum storage uses for its records. Kept here rather than
/// shared because Raft.Grains references only Raft.Core; <see cref="BitOperations.Crc32C(uint, ulong)"/> uses
/// the CPU's CRC instruction when there is one. Feed bytes from <see cref="Initial"/>, then <see cref="Finish"/>.
/// </summary>
internal static class SnapshotChecksum
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

    public static uint Finish(uint state) => ~state;

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Initial, data));
}

using Raft.Core.Checksums;
using System.Text;
using Raft.Grains;

namespace Raft.Silo.Persistence;

/// <summary>
/// The CRC-32C stored with every grain state row. It covers the row's whole key (provider, grain, state
/// name), its etag and its payload, so a flipped byte anywhere, or a row copied under another grain's key,
/// fails verification. Each text is preceded by its length, so moving characters from one column to the
/// next changes the checksum too. Stored as the unsigned value in a 64-bit integer column.
/// </summary>
internal static class GrainStateChecksum
{
    private const byte Tag = (byte)'G';

    public static long Compute(string provider, string grainId, string stateName, string etag, ReadOnlySpan<byte> payload)
    {
        var state = Crc32C.Append(Crc32C.Initial, [Tag]);
        state = AppendText(state, provider);
        state = AppendText(state, grainId);
        state = AppendText(state, stateName);
        state = AppendText(state, etag);
        state = Crc32C.Append(state, payload.Length);
        return Crc32C.Finish(Crc32C.Append(state, payload));
    }

    private static uint AppendText(uint state, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return Crc32C.Append(Crc32C.Append(state, bytes.Length), bytes);
    }
}

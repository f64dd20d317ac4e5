using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Raft.Silo.Transport;

/// <summary>
/// The first frame on every connection: the protocol version, then the sending silo's name (u16 length,
/// UTF-8). The version comes first so that a future layout can change everything after it.
/// </summary>
public sealed record Handshake(ushort ProtocolVersion, string SiloName)
{
    /// <summary>The only protocol version this build speaks.</summary>
    public const ushort CurrentProtocolVersion = 1;

    /// <summary>Silo names are identifiers, not documents; the bound keeps a hostile handshake small.</summary>
    public const int MaxSiloNameBytes = 256;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Handshake ForSilo(string siloName) => new(CurrentProtocolVersion, siloName);

    public int EncodedLength => 2 + 2 + s_strictUtf8.GetByteCount(SiloName);

    public void Encode(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var nameBytes = s_strictUtf8.GetByteCount(SiloName);
        if (nameBytes is 0 or > MaxSiloNameBytes)
        {
            throw new InvalidOperationException($"Silo name must be 1 to {MaxSiloNameBytes} UTF-8 bytes, not {nameBytes}.");
        }
        var span = writer.GetSpan(4 + nameBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(span, ProtocolVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)nameBytes);
        s_strictUtf8.GetBytes(SiloName, span[4..]);
        writer.Advance(4 + nameBytes);
    }

    /// <exception cref="FrameFormatException">An unknown version, or a payload that is not one handshake.</exception>
    public static Handshake Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var version = reader.ReadUInt16("protocol version");
        if (version != CurrentProtocolVersion)
        {
            throw new FrameFormatException(FrameError.UnsupportedVersion, $"protocol version {version}, expected {CurrentProtocolVersion}.");
        }
        var nameLength = reader.ReadUInt16("silo name length");
        if (nameLength is 0 or > MaxSiloNameBytes)
        {
            throw new FrameFormatException(FrameError.InvalidField, $"silo name length {nameLength}, expected 1 to {MaxSiloNameBytes}.");
        }
        var nameBytes = reader.ReadBytes(nameLength, "silo name");
        reader.EnsureEnd("handshake");
        string name;
        try
        {
            name = s_strictUtf8.GetString(nameBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new FrameFormatException("silo name is not UTF-8.", e);
        }
        return new Handshake(version, name);
    }
}

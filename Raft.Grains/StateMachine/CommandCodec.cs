using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Raft.Grains.StateMachine;

/// <summary>
/// Hand-written little-endian encoding of a <see cref="Command"/>, the bytes of a Normal log entry:
/// <code>
/// version:u8 | sessionId:i64 | sequence:i64 | timestampMs:i64 | operation:u8 | operation fields
/// </code>
/// Text is an i32 byte length and strict UTF-8; an optional TTL is a presence byte and an i64, an optional
/// session name a presence byte and text. The header
/// is fixed so the leader can stamp <c>timestampMs</c> in place (<see cref="StampTimestamp"/>) without
/// decoding the command. Decoding is strict and total: truncation, lengths beyond the buffer, unknown
/// versions or operations, bad UTF-8 and trailing bytes are all refused with a
/// <see cref="MalformedDataException"/>.
/// </summary>
public static class CommandCodec
{
    /// <summary>
    /// The layout's version, the first byte; bump it when the layout changes. 2 added RegisterSession's name.
    /// Version 1 is refused rather than read: no log held v1 commands when it changed, and accepting two
    /// layouts would be one more way for peers to disagree.
    /// </summary>
    public const byte Version = 2;

    /// <summary>Where the leader's timestamp sits in an encoded command.</summary>
    public const int TimestampOffset = 1 + 8 + 8;

    /// <summary>Version, session id, sequence, timestamp and operation code.</summary>
    public const int HeaderBytes = TimestampOffset + 8 + 1;

    public static int GetEncodedLength(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return HeaderBytes + command.Operation switch
        {
            Operation.ListTopics => 0,
            Operation.RegisterSession register => FieldSize.OptionalString(register.Name),
            Operation.Put put => FieldSize.String(put.Key) + FieldSize.String(put.Value) + FieldSize.OptionalInt64(put.TtlSeconds),
            Operation.Cas cas => FieldSize.String(cas.Key) + FieldSize.Int64 + FieldSize.String(cas.Value) + FieldSize.OptionalInt64(cas.TtlSeconds),
            Operation.Delete delete => FieldSize.String(delete.Key),
            Operation.Get get => FieldSize.String(get.Key),
            Operation.CreateTopic create => FieldSize.String(create.Topic),
            Operation.PutMessage put => FieldSize.String(put.Topic) + FieldSize.String(put.Message),
            Operation.GetMessage get => FieldSize.String(get.Topic),
            _ => throw new ArgumentException($"Unknown operation {command.Operation.GetType().Name}.", nameof(command)),
        };
    }

    /// <summary>Encodes a command; throws <see cref="ArgumentException"/> for text that is not valid Unicode.</summary>
    public static byte[] Encode(Command command)
    {
        var bytes = new byte[GetEncodedLength(command)];
        var writer = new FieldWriter(bytes);
        writer.WriteByte(Version);
        writer.WriteInt64(command.SessionId);
        writer.WriteInt64(command.Sequence);
        writer.WriteInt64(command.TimestampMs);
        writer.WriteByte((byte)command.Operation.Code);
        switch (command.Operation)
        {
            case Operation.RegisterSession register:
                writer.WriteOptionalString(register.Name);
                break;
            case Operation.Put put:
                writer.WriteString(put.Key);
                writer.WriteString(put.Value);
                writer.WriteOptionalInt64(put.TtlSeconds);
                break;
            case Operation.Cas cas:
                writer.WriteString(cas.Key);
                writer.WriteInt64(cas.ExpectedVersion);
                writer.WriteString(cas.Value);
                writer.WriteOptionalInt64(cas.TtlSeconds);
                break;
            case Operation.Delete delete:
                writer.WriteString(delete.Key);
                break;
            case Operation.Get get:
                writer.WriteString(get.Key);
                break;
            case Operation.CreateTopic create:
                writer.WriteString(create.Topic);
                break;
            case Operation.PutMessage put:
                writer.WriteString(put.Topic);
                writer.WriteString(put.Message);
                break;
            case Operation.GetMessage get:
                writer.WriteString(get.Topic);
                break;
        }
        return bytes;
    }

    /// <summary>Decodes a command or throws <see cref="MalformedDataException"/>.</summary>
    public static Command Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new FieldReader(bytes);
        var version = reader.ReadByte("version");
        if (version != Version) throw new MalformedDataException($"unsupported command version {version}");
        var sessionId = reader.ReadInt64("session id");
        var sequence = reader.ReadInt64("sequence");
        var timestampMs = reader.ReadInt64("timestamp");
        var code = (OperationCode)reader.ReadByte("operation");
        Operation operation = code switch
        {
            OperationCode.RegisterSession => new Operation.RegisterSession(reader.ReadOptionalString("session name")),
            OperationCode.Put => new Operation.Put(reader.ReadString("key"), reader.ReadString("value"), reader.ReadOptionalInt64("ttl")),
            OperationCode.Cas => new Operation.Cas(
                reader.ReadString("key"), reader.ReadInt64("expected version"), reader.ReadString("value"), reader.ReadOptionalInt64("ttl")),
            OperationCode.Delete => new Operation.Delete(reader.ReadString("key")),
            OperationCode.Get => new Operation.Get(reader.ReadString("key")),
            OperationCode.CreateTopic => new Operation.CreateTopic(reader.ReadString("topic")),
            OperationCode.ListTopics => new Operation.ListTopics(),
            OperationCode.PutMessage => new Operation.PutMessage(reader.ReadString("topic"), reader.ReadString("message")),
            OperationCode.GetMessage => new Operation.GetMessage(reader.ReadString("topic")),
            _ => throw new MalformedDataException($"unknown operation {(byte)code}"),
        };
        reader.EnsureEnd("command");
        return new Command(sessionId, sequence, timestampMs, operation);
    }

    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Command? command, [NotNullWhen(false)] out string? error)
    {
        try
        {
            command = Decode(bytes);
            error = null;
            return true;
        }
        catch (MalformedDataException e)
        {
            command = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Writes the leader's timestamp into an encoded command in place, so the leader stamps what the client
    /// sent without decoding or copying it. Throws <see cref="ArgumentException"/> when the bytes are too short
    /// or of another version to carry a timestamp at <see cref="TimestampOffset"/>.
    /// </summary>
    public static void StampTimestamp(Span<byte> encodedCommand, long timestampMs)
    {
        if (encodedCommand.Length < HeaderBytes || encodedCommand[0] != Version)
        {
            throw new ArgumentException("Not an encoded command of this version.", nameof(encodedCommand));
        }
        BinaryPrimitives.WriteInt64LittleEndian(encodedCommand[TimestampOffset..], timestampMs);
    }

    /// <summary>Reads the timestamp of an encoded command, as <see cref="StampTimestamp"/> wrote it.</summary>
    public static long ReadTimestamp(ReadOnlySpan<byte> encodedCommand)
    {
        if (encodedCommand.Length < HeaderBytes || encodedCommand[0] != Version)
        {
            throw new ArgumentException("Not an encoded command of this version.", nameof(encodedCommand));
        }
        return BinaryPrimitives.ReadInt64LittleEndian(encodedCommand[TimestampOffset..]);
    }
}

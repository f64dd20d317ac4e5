using System.Diagnostics.CodeAnalysis;

namespace Raft.Grains.StateMachine;

/// <summary>
/// Hand-written little-endian encoding of a <see cref="CommandResult"/>, the bytes Apply returns and sessions
/// record: <c>version:u8 | result:u8 | fields</c>, text as an i32 length and strict UTF-8, a list as an i32
/// count of strings. Decoding is strict like <see cref="CommandCodec"/>'s.
/// </summary>
public static class ResultCodec
{
    /// <summary>The layout's version, the first byte; bump it when the layout changes.</summary>
    public const byte Version = 1;

    public const int HeaderBytes = 2;

    public static int GetEncodedLength(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return HeaderBytes + result switch
        {
            CommandResult.Written or CommandResult.VersionMismatch or CommandResult.SessionRegistered => FieldSize.Int64,
            CommandResult.Deleted or CommandResult.NotFound or CommandResult.QueueSuccess or CommandResult.SessionExpired => 0,
            CommandResult.Value value => FieldSize.String(value.Text) + FieldSize.Int64 + FieldSize.OptionalInt64(value.ExpiresAtMs),
            CommandResult.QueueFailure failure => FieldSize.String(failure.Reason),
            CommandResult.Message message => FieldSize.String(message.Text),
            CommandResult.Topics topics => FieldSize.Int32 + topics.Names.Sum(FieldSize.String),
            CommandResult.Invalid invalid => FieldSize.String(invalid.Reason),
            _ => throw new ArgumentException($"Unknown result {result.GetType().Name}.", nameof(result)),
        };
    }

    public static byte[] Encode(CommandResult result)
    {
        var bytes = new byte[GetEncodedLength(result)];
        var writer = new FieldWriter(bytes);
        writer.WriteByte(Version);
        writer.WriteByte((byte)result.Code);
        switch (result)
        {
            case CommandResult.Written written:
                writer.WriteInt64(written.Version);
                break;
            case CommandResult.VersionMismatch mismatch:
                writer.WriteInt64(mismatch.CurrentVersion);
                break;
            case CommandResult.SessionRegistered registered:
                writer.WriteInt64(registered.SessionId);
                break;
            case CommandResult.Value value:
                writer.WriteString(value.Text);
                writer.WriteInt64(value.Version);
                writer.WriteOptionalInt64(value.ExpiresAtMs);
                break;
            case CommandResult.QueueFailure failure:
                writer.WriteString(failure.Reason);
                break;
            case CommandResult.Message message:
                writer.WriteString(message.Text);
                break;
            case CommandResult.Topics topics:
                writer.WriteInt32(topics.Names.Count);
                foreach (var name in topics.Names) writer.WriteString(name);
                break;
            case CommandResult.Invalid invalid:
                writer.WriteString(invalid.Reason);
                break;
        }
        return bytes;
    }

    /// <summary>Decodes a result or throws <see cref="MalformedDataException"/>.</summary>
    public static CommandResult Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new FieldReader(bytes);
        var version = reader.ReadByte("version");
        if (version != Version) throw new MalformedDataException($"unsupported result version {version}");
        var code = (ResultCode)reader.ReadByte("result");
        CommandResult result = code switch
        {
            ResultCode.Written => new CommandResult.Written(reader.ReadInt64("version")),
            ResultCode.Deleted => new CommandResult.Deleted(),
            ResultCode.Value => new CommandResult.Value(reader.ReadString("value"), reader.ReadInt64("version"), reader.ReadOptionalInt64("expires at")),
            ResultCode.NotFound => new CommandResult.NotFound(),
            ResultCode.VersionMismatch => new CommandResult.VersionMismatch(reader.ReadInt64("current version")),
            ResultCode.QueueSuccess => new CommandResult.QueueSuccess(),
            ResultCode.QueueFailure => new CommandResult.QueueFailure(reader.ReadString("reason")),
            ResultCode.Message => new CommandResult.Message(reader.ReadString("message")),
            ResultCode.Topics => new CommandResult.Topics(ReadTopics(ref reader)),
            ResultCode.SessionRegistered => new CommandResult.SessionRegistered(reader.ReadInt64("session id")),
            ResultCode.SessionExpired => new CommandResult.SessionExpired(),
            ResultCode.Invalid => new CommandResult.Invalid(reader.ReadString("reason")),
            _ => throw new MalformedDataException($"unknown result {(byte)code}"),
        };
        reader.EnsureEnd("result");
        return result;
    }

    public static bool TryDecode(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out CommandResult? result, [NotNullWhen(false)] out string? error)
    {
        try
        {
            result = Decode(bytes);
            error = null;
            return true;
        }
        catch (MalformedDataException e)
        {
            result = null;
            error = e.Message;
            return false;
        }
    }

    private static string[] ReadTopics(ref FieldReader reader)
    {
        // Each name takes at least its 4-byte length, which bounds the count before the array is allocated.
        var names = new string[reader.ReadCount("topic count", FieldSize.Int32)];
        for (var i = 0; i < names.Length; i++) names[i] = reader.ReadString("topic");
        return names;
    }
}

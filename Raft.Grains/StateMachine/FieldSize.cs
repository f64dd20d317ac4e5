namespace Raft.Grains.StateMachine;

/// <summary>Encoded sizes of the fields <see cref="FieldWriter"/> writes, so a buffer can be sized exactly once.</summary>
internal static class FieldSize
{
    public const int Byte = 1;
    public const int Int32 = 4;
    public const int Int64 = 8;

    public static int OptionalInt64(long? value) => value.HasValue ? 1 + Int64 : 1;

    public static int OptionalString(string? value) => value is null ? Byte : Byte + String(value);

    /// <summary>Length prefix plus UTF-8 bytes; text that is not valid Unicode cannot be encoded.</summary>
    public static int String(string value)
    {
        var count = StrictUtf8.ByteCountOrMinusOne(value);
        if (count < 0) throw new ArgumentException("Text is not valid Unicode (a lone surrogate?).", nameof(value));
        return Int32 + count;
    }
}

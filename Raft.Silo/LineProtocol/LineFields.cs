using System.Text;
using System.Text.Unicode;

namespace Raft.Silo.LineProtocol;

/// <summary>The fields of a command line: tokens, names and numbers, each checked against the grammar.</summary>
internal static class LineFields
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Splits on runs of spaces and tabs; stops at tokens.Length, so a full span means "this many or more".</summary>
    public static int Tokenize(ReadOnlySpan<byte> line, Span<Range> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length && count < tokens.Length)
        {
            while (i < line.Length && IsSeparator(line[i])) i++;
            if (i == line.Length) break;
            var start = i;
            while (i < line.Length && !IsSeparator(line[i])) i++;
            tokens[count++] = new Range(start, i);
        }
        return count;
    }

    private static bool IsSeparator(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>1..maxNameBytes of UTF-8 with no whitespace or control character.</summary>
    public static bool TryParseName(ReadOnlySpan<byte> bytes, int maxNameBytes, out string name)
    {
        name = "";
        if (bytes.IsEmpty || bytes.Length > maxNameBytes) return false;
        var ascii = true;
        foreach (var b in bytes)
        {
            if (b <= 0x20 || b == 0x7F) return false;
            if (b >= 0x80) ascii = false;
        }
        if (ascii)
        {
            name = Encoding.ASCII.GetString(bytes);
            return true;
        }
        if (!Utf8.IsValid(bytes)) return false;
        var decoded = StrictUtf8.GetString(bytes);
        // Non-ASCII whitespace and C1 controls (U+0085, U+00A0, U+2028 ...) are as confusing in a name as ASCII ones.
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
        }
        name = decoded;
        return true;
    }

    /// <summary>Digits only; a number too large for 64 bits still counts as a length (an enormous one), so its payload handling stays defined.</summary>
    public static bool TryParseNumBytes(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9') return false;
        }
        if (!TryParseNumber(digits, long.MaxValue, out value)) value = long.MaxValue;
        return true;
    }

    /// <summary>A non-negative decimal of digits only (no sign, no spaces), at most <paramref name="max"/>.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> digits, long max, out long value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9') return false;
            var digit = d - '0';
            if (value > (max - digit) / 10) return false;
            value = value * 10 + digit;
        }
        return true;
    }
}

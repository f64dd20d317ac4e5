using System.Buffers;
using System.Globalization;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// Writes the protocol's replies. Pure: bytes into a buffer writer, so every reply can be checked byte for
/// byte without a socket.
/// </summary>
public static class LineReplyWriter
{
    /// <summary>Room for the longest header line: "CONTENTS " and three 20-digit numbers with separators and \r\n.</summary>
    private const int MaxHeaderBytes = 80;

    /// <summary>Longest leader address passed on in ERR_REDIRECT; anything longer is a broken store, not a hostname.</summary>
    private const int MaxRedirectAddressBytes = 300;

    /// <summary>
    /// Writes the reply to <paramref name="command"/> for what the store answered. Returns false when the
    /// answer does not fit the command (say, a value for a delete) or a redirect address is unusable; then
    /// ERR_INTERNAL was written instead, and the caller should log it.
    /// </summary>
    public static bool WriteResult(IBufferWriter<byte> output, LineCommand command, LineStoreResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        switch (command, result)
        {
            case (LineCommand.Write or LineCommand.Cas, LineStoreResult.Ok ok):
                WriteLine(output, "OK "u8, ok.Version);
                return true;
            case (LineCommand.Delete, LineStoreResult.Ok):
                output.Write("OK\r\n"u8);
                return true;
            case (LineCommand.Read, LineStoreResult.Value value):
                WriteContents(output, value);
                return true;
            case (LineCommand.Cas, LineStoreResult.VersionMismatch mismatch):
                WriteLine(output, "ERR_VERSION "u8, mismatch.CurrentVersion);
                return true;
            case (LineCommand.Read or LineCommand.Cas or LineCommand.Delete, LineStoreResult.NotFound):
                output.Write("ERR_FILE_NOT_FOUND\r\n"u8);
                return true;
            case (_, LineStoreResult.NotLeader notLeader) when IsUsableAddress(notLeader.LeaderAddress):
                output.Write("ERR_REDIRECT "u8);
                WriteAscii(output, notLeader.LeaderAddress);
                output.Write("\r\n"u8);
                return true;
            case (_, LineStoreResult.Failed):
                // The reason is for the operator's log, not for the client.
                WriteInternalError(output);
                return true;
            default:
                WriteInternalError(output);
                return false;
        }
    }

    /// <summary>The reply to any refused command: the client sent something that is not the grammar.</summary>
    public static void WriteCommandError(IBufferWriter<byte> output) => output.Write("ERR_CMD_ERR\r\n"u8);

    public static void WriteInternalError(IBufferWriter<byte> output) => output.Write("ERR_INTERNAL\r\n"u8);

    /// <summary>
    /// The exptime shown is whole seconds left, rounded up, so a key with 0.3 s to live shows 1: the wire
    /// reserves 0 for "never expires".
    /// </summary>
    internal static long RemainingSeconds(TimeSpan? remaining)
    {
        if (remaining is not { } left) return 0;
        if (left <= TimeSpan.Zero) return 1;
        return Math.Max(1, (long)Math.Ceiling(left.TotalSeconds));
    }

    private static void WriteContents(IBufferWriter<byte> output, LineStoreResult.Value value)
    {
        var span = output.GetSpan(MaxHeaderBytes);
        var n = Append(span, 0, "CONTENTS "u8);
        n = AppendNumber(span, n, value.Version);
        n = Append(span, n, " "u8);
        n = AppendNumber(span, n, value.Bytes.Length);
        n = Append(span, n, " "u8);
        n = AppendNumber(span, n, RemainingSeconds(value.RemainingTimeToLive));
        n = Append(span, n, "\r\n"u8);
        output.Advance(n);
        output.Write(value.Bytes.Span);
        output.Write("\r\n"u8);
    }

    private static void WriteLine(IBufferWriter<byte> output, ReadOnlySpan<byte> prefix, long number)
    {
        var span = output.GetSpan(MaxHeaderBytes);
        var n = Append(span, 0, prefix);
        n = AppendNumber(span, n, number);
        n = Append(span, n, "\r\n"u8);
        output.Advance(n);
    }

    private static int Append(Span<byte> span, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[at..]);
        return at + bytes.Length;
    }

    private static int AppendNumber(Span<byte> span, int at, long number)
    {
        if (!number.TryFormat(span[at..], out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A 64-bit number did not fit the reply header buffer.");
        }
        return at + written;
    }

    /// <summary>A host:port for the client to dial: printable ASCII, no spaces, so it can never break the reply line.</summary>
    private static bool IsUsableAddress(string address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxRedirectAddressBytes) return false;
        foreach (var c in address)
        {
            if (c is <= ' ' or > '~') return false;
        }
        return true;
    }

    private static void WriteAscii(IBufferWriter<byte> output, string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++) span[i] = (byte)ascii[i];
        output.Advance(ascii.Length);
    }
}

using System.Text;
using Raft.Silo.LineProtocol;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// Proves the parser alone, without sockets: every command shape with and without exptime; the same
/// results whether bytes arrive whole, byte by byte or in odd chunks across segments; pipelined commands in
/// order; and for each kind of malformed input the exact refusal, followed by a command that still parses,
/// which shows it resynchronized at the right byte (payloads consumed, lines discarded). Oversized values
/// are refused from the header and skipped as they stream, never buffered.
/// </summary>
public sealed class LineCommandParserTests
{
    [Fact]
    public void Write_WithoutExptime_NeverExpires()
    {
        var write = Assert.IsType<LineCommand.Write>(Single("write greeting 5\r\nhello\r\n"));
        Assert.Equal("greeting", write.Name);
        Assert.Equal("hello", Text(write.Value));
        Assert.Null(write.TimeToLive);
    }

    [Fact]
    public void Write_WithExptime_CarriesTimeToLive_AndZeroMeansNever()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<LineCommand.Write>(Single("write k 1 30\r\nx\r\n")).TimeToLive);
        Assert.Null(Assert.IsType<LineCommand.Write>(Single("write k 1 0\r\nx\r\n")).TimeToLive);
    }

    [Fact]
    public void Cas_WithAndWithoutExptime()
    {
        var cas = Assert.IsType<LineCommand.Cas>(Single("cas k 9223372036854775807 3\r\nabc\r\n"));
        Assert.Equal(("k", long.MaxValue, "abc", (TimeSpan?)null), (cas.Name, cas.ExpectedVersion, Text(cas.Value), cas.TimeToLive));
        var timed = Assert.IsType<LineCommand.Cas>(Single("cas k 7 3 2147483647\r\nabc\r\n"));
        Assert.Equal((7L, TimeSpan.FromSeconds(int.MaxValue)), (timed.ExpectedVersion, timed.TimeToLive));
    }

    [Fact]
    public void ReadAndDelete()
    {
        Assert.Equal(new LineCommand.Read("k"), Single("read k\r\n"));
        Assert.Equal(new LineCommand.Delete("k"), Single("delete k\r\n"));
    }

    [Fact]
    public void Payload_IsTakenVerbatim_IncludingLineEndsAndBinary_AndMayBeEmpty()
    {
        byte[] value = [0x00, (byte)'\r', (byte)'\n', 0xFF, (byte)'d', (byte)'e', (byte)'l'];
        var input = Bytes($"write bin {value.Length}\r\n", value, "\r\nwrite empty 0\r\n\r\n");
        var results = ParserFeed.All(input);
        Assert.Equal(value, Assert.IsType<LineCommand.Write>(results[0].Command).Value.ToArray());
        Assert.Equal(0, Assert.IsType<LineCommand.Write>(results[1].Command).Value.Length);
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public void CommandLines_AcceptBareNewline_TabsAndRepeatedSpaces()
    {
        Assert.Equal(new LineCommand.Read("k"), Single("read k\n"));
        Assert.Equal(new LineCommand.Delete("k"), Single("  delete \t k  \r\n"));
        Assert.Equal("v", Text(Assert.IsType<LineCommand.Write>(Single("write\tk   1\nv\r\n")).Value));
    }

    [Fact]
    public void Names_MayBeNonAsciiUtf8_UpToTheLimit()
    {
        Assert.Equal("ключ", Single("read ключ\r\n").Name);
        var longest = new string('n', LineProtocolOptions.DefaultMaxNameBytes);
        Assert.Equal(longest, Single($"read {longest}\r\n").Name);
    }

    public static TheoryData<int> ChunkSizes() => [1, 2, 3, 7, 64];

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void SplitReads_GiveTheSameCommands_AsOneBuffer(int chunkBytes)
    {
        const string session = "write a 5 10\r\nhe\r\nl\r\ncas a 1 3\r\nxyz\r\nread a\r\ndelete a\r\nread ключ\r\n";
        var whole = ParserFeed.All(session);
        var split = ParserFeed.All(session, chunkBytes);
        Assert.Equal(5, whole.Count);
        Assert.Equal(Describe(whole), Describe(split));
        Assert.Equal("he\r\nl", Text(Assert.IsType<LineCommand.Write>(split[0].Command).Value));
    }

    [Fact]
    public void Pipelined_ManyCommandsInOneBuffer_ComeOutInOrder()
    {
        var input = new StringBuilder();
        for (var i = 0; i < 100; i++) input.Append($"write k{i} {i.ToString().Length}\r\n{i}\r\nread k{i}\r\n");
        var results = ParserFeed.All(input.ToString());
        Assert.Equal(200, results.Count);
        for (var i = 0; i < 100; i++)
        {
            var write = Assert.IsType<LineCommand.Write>(results[2 * i].Command);
            Assert.Equal(($"k{i}", i.ToString()), (write.Name, Text(write.Value)));
            Assert.Equal(new LineCommand.Read($"k{i}"), results[(2 * i) + 1].Command);
        }
    }

    /// <summary>Each input is followed by "read next": that it parses proves where the parser resumed.</summary>
    public static TheoryData<string, LineCommandError> Malformed() => new()
    {
        { "frobnicate k\r\n", LineCommandError.UnknownVerb },
        { "READ k\r\n", LineCommandError.UnknownVerb },
        { "\r\n", LineCommandError.EmptyLine },
        { "   \r\n", LineCommandError.EmptyLine },
        { "read\r\n", LineCommandError.WrongArgumentCount },
        { "read a b\r\n", LineCommandError.WrongArgumentCount },
        { "delete\r\n", LineCommandError.WrongArgumentCount },
        { "delete a b c d e f g\r\n", LineCommandError.WrongArgumentCount },
        { "write k\r\n", LineCommandError.WrongArgumentCount },
        { "cas k 1\r\n", LineCommandError.WrongArgumentCount },
        { "write k 1 10 extra\r\nx\r\n", LineCommandError.WrongArgumentCount },
        { "cas k 1 1 10 extra\r\nx\r\n", LineCommandError.WrongArgumentCount },
        { "write k five\r\n", LineCommandError.BadNumBytes },
        { "write k -1\r\n", LineCommandError.BadNumBytes },
        { "write k +1\r\n", LineCommandError.BadNumBytes },
        { "cas k 1 x\r\n", LineCommandError.BadNumBytes },
        { "cas k one 1\r\nx\r\n", LineCommandError.BadVersion },
        { "cas k -1 1\r\nx\r\n", LineCommandError.BadVersion },
        { "cas k 9223372036854775808 1\r\nx\r\n", LineCommandError.BadVersion },
        { "write k 1 -5\r\nx\r\n", LineCommandError.BadExpiry },
        { "write k 1 soon\r\nx\r\n", LineCommandError.BadExpiry },
        { "write k 1 2147483648\r\nx\r\n", LineCommandError.BadExpiry },
        { "read a\u0001b\r\n", LineCommandError.BadName },
        { "read a\rb\r\n", LineCommandError.BadName },
        { "read a\u00A0b\r\n", LineCommandError.BadName },
        { $"read {new string('n', LineProtocolOptions.DefaultMaxNameBytes + 1)}\r\n", LineCommandError.BadName },
        { "write a\u007Fb 1\r\nx\r\n", LineCommandError.BadName },
        { "write k 3\r\nabcd\r\n", LineCommandError.PayloadNotTerminated },
        { "write k 3\r\nab\r\n", LineCommandError.PayloadNotTerminated },
        { "write k 3\r\nabc\n", LineCommandError.PayloadNotTerminated },
        { $"read {new string(' ', 2000)}k\r\n", LineCommandError.LineTooLong },
        { "write k 1048577\r\n" + new string('v', 1048577) + "\r\n", LineCommandError.ValueTooLarge },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_IsRefused_AndTheNextCommandParses(string input, LineCommandError expected)
    {
        foreach (var chunkBytes in new[] { int.MaxValue, 1, 5 })
        {
            var results = ParserFeed.All(input + "read next\r\n", chunkBytes);
            Assert.Equal(2, results.Count);
            Assert.Null(results[0].Command);
            Assert.Equal(expected, results[0].Error);
            Assert.False(results[0].ClosesConnection);
            Assert.Equal(new LineCommand.Read("next"), results[1].Command);
        }
    }

    [Fact]
    public void InvalidUtf8Name_IsRefused()
    {
        var results = ParserFeed.All(Bytes("read a", [0xFF, 0xFE], "\r\nread next\r\n"));
        Assert.Equal(LineCommandError.BadName, results[0].Error);
        Assert.Equal(new LineCommand.Read("next"), results[1].Command);
    }

    [Fact]
    public void BadHeaderWithValidNumBytes_ConsumesThePayload_SoItIsNeverRunAsACommand()
    {
        var results = ParserFeed.All("write bad\u0001name 10\r\ndelete k\r\n\r\nread next\r\n");
        Assert.Equal(new[] { LineCommandError.BadName, LineCommandError.None }, results.Select(r => r.Error));
        Assert.Equal(new LineCommand.Read("next"), results[1].Command);
    }

    [Fact]
    public void LineOfExactlyMaxLineBytes_IsAccepted_OneMoreIsRefused()
    {
        var max = LineProtocolOptions.DefaultMaxLineBytes;
        var exact = "read" + new string(' ', max - 5) + "k";
        Assert.Equal(max, exact.Length);
        Assert.Equal(new LineCommand.Read("k"), Single(exact + "\r\n"));
        Assert.Equal(new LineCommand.Read("k"), Single(exact + "\n"));
        var results = ParserFeed.All(" " + exact + "\r\n");
        Assert.Equal(LineCommandError.LineTooLong, Assert.Single(results).Error);
    }

    [Fact]
    public void TooLongLine_IsRefusedBeforeItsEnd_AndNeverBufferedWhole()
    {
        var feed = new ParserFeed(new LineCommandParser(new LineProtocolOptions()));
        feed.Offer("read " + new string('x', 100_000), chunkBytes: 4096);
        Assert.Equal(LineCommandError.LineTooLong, Assert.Single(feed.Results).Error);
        Assert.True(feed.PeakBufferedBytes <= LineProtocolOptions.DefaultMaxLineBytes + 2, $"buffered {feed.PeakBufferedBytes} bytes");
        feed.Offer("yyy\r\nread next\r\n");
        Assert.Equal(2, feed.Results.Count);
        Assert.Equal(new LineCommand.Read("next"), feed.Results[1].Command);
    }

    [Fact]
    public void OversizedValue_IsRefusedFromTheHeader_AndSkippedAsItStreams()
    {
        var options = new LineProtocolOptions { MaxValueBytes = 16, MaxDiscardBytes = 100_000 };
        var feed = new ParserFeed(new LineCommandParser(options));
        feed.Offer("write big 50000\r\n");
        // Refused before a single payload byte has arrived.
        Assert.Equal(LineCommandError.ValueTooLarge, Assert.Single(feed.Results).Error);
        feed.Offer(new string('v', 50_000) + "\r\nread next\r\n", chunkBytes: 1000);
        Assert.Equal(new LineCommand.Read("next"), feed.Results[1].Command);
        Assert.Equal(2, feed.Results.Count);
        Assert.True(feed.PeakBufferedBytes <= 1000, $"buffered {feed.PeakBufferedBytes} bytes of a refused payload");
    }

    [Fact]
    public void ValueAtTheLimit_IsAccepted()
    {
        var options = new LineProtocolOptions { MaxValueBytes = 16 };
        var write = Assert.IsType<LineCommand.Write>(Assert.Single(ParserFeed.All("write k 16\r\n" + new string('v', 16) + "\r\n", options: options)).Command);
        Assert.Equal(16, write.Value.Length);
    }

    [Theory]
    [InlineData("write big 100001\r\n")]
    [InlineData("cas big 1 99999999999999999999999999\r\n")]
    public void ValueBeyondTheDiscardCap_AsksToCloseTheConnection(string header)
    {
        var options = new LineProtocolOptions { MaxValueBytes = 16, MaxDiscardBytes = 100_000 };
        var result = Assert.Single(ParserFeed.All(header, options: options));
        Assert.Equal(LineCommandError.ValueTooLargeToSkip, result.Error);
        Assert.True(result.ClosesConnection);
    }

    [Fact]
    public void Options_ThatCannotHoldALongestNameCommand_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineCommandParser(new LineProtocolOptions { MaxLineBytes = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineCommandParser(new LineProtocolOptions { MaxValueBytes = 10, MaxDiscardBytes = 5 }));
    }

    private static LineCommand Single(string input)
    {
        var result = Assert.Single(ParserFeed.All(input));
        Assert.Equal(LineCommandError.None, result.Error);
        return result.Command!;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static byte[] Bytes(string head, byte[] middle, string tail) =>
        [.. Encoding.UTF8.GetBytes(head), .. middle, .. Encoding.UTF8.GetBytes(tail)];

    /// <summary>Commands compared by content: records holding values compare those by reference.</summary>
    private static List<string> Describe(List<LineParseResult> results) => results.Select(r => r.Command switch
    {
        LineCommand.Write w => $"write {w.Name} {Text(w.Value)} {w.TimeToLive}",
        LineCommand.Cas c => $"cas {c.Name} {c.ExpectedVersion} {Text(c.Value)} {c.TimeToLive}",
        { } other => other.ToString(),
        null => r.Error.ToString(),
    }).ToList();
}

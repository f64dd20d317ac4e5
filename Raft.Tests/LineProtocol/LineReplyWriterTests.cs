using System.Buffers;
using System.Text;
using Raft.Silo.LineProtocol;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// Proves the exact bytes of every reply for every store answer a command may get, that an answer which
/// makes no sense for the command (or a redirect address that would break the reply line) becomes
/// ERR_INTERNAL and is reported as such, and that a remaining time to live never prints as 0 ("never").
/// </summary>
public sealed class LineReplyWriterTests
{
    private static readonly LineCommand.Write Write = new("k", "v"u8.ToArray(), null);
    private static readonly LineCommand.Read Read = new("k");
    private static readonly LineCommand.Cas Cas = new("k", 3, "v"u8.ToArray(), null);
    private static readonly LineCommand.Delete Delete = new("k");

    public static TheoryData<string, string> Replies() => new()
    {
        { "write ok", "OK 42\r\n" },
        { "cas ok", "OK 9223372036854775807\r\n" },
        { "delete ok", "OK\r\n" },
        { "read value", "CONTENTS 7 5 0\r\nhe\r\nl\r\n" },
        { "read value with ttl", "CONTENTS 7 5 61\r\nhe\r\nl\r\n" },
        { "cas mismatch", "ERR_VERSION 12\r\n" },
        { "read missing", "ERR_FILE_NOT_FOUND\r\n" },
        { "cas missing", "ERR_FILE_NOT_FOUND\r\n" },
        { "delete missing", "ERR_FILE_NOT_FOUND\r\n" },
        { "write not leader", "ERR_REDIRECT 10.0.0.7:9000\r\n" },
        { "read failed", "ERR_INTERNAL\r\n" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Reply_IsExact(string scenario, string expected)
    {
        var (command, result) = scenario switch
        {
            "write ok" => ((LineCommand)Write, (LineStoreResult)new LineStoreResult.Ok(42)),
            "cas ok" => (Cas, new LineStoreResult.Ok(long.MaxValue)),
            "delete ok" => (Delete, new LineStoreResult.Ok(5)),
            "read value" => (Read, new LineStoreResult.Value("he\r\nl"u8.ToArray(), 7, null)),
            "read value with ttl" => (Read, new LineStoreResult.Value("he\r\nl"u8.ToArray(), 7, TimeSpan.FromSeconds(60.2))),
            "cas mismatch" => (Cas, new LineStoreResult.VersionMismatch(12)),
            "read missing" => (Read, new LineStoreResult.NotFound()),
            "cas missing" => (Cas, new LineStoreResult.NotFound()),
            "delete missing" => (Delete, new LineStoreResult.NotFound()),
            "write not leader" => (Write, new LineStoreResult.NotLeader("10.0.0.7:9000")),
            "read failed" => (Read, new LineStoreResult.Failed("disk on fire")),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
        var output = new ArrayBufferWriter<byte>();
        Assert.True(LineReplyWriter.WriteResult(output, command, result));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    public static TheoryData<string> Unusable() => ["value for delete", "mismatch for write", "not found for write", "redirect with space", "empty redirect", "redirect with newline"];

    [Theory]
    [MemberData(nameof(Unusable))]
    public void UnusableAnswer_BecomesErrInternal_AndIsReported(string scenario)
    {
        var (command, result) = scenario switch
        {
            "value for delete" => ((LineCommand)Delete, (LineStoreResult)new LineStoreResult.Value("x"u8.ToArray(), 1, null)),
            "mismatch for write" => (Write, new LineStoreResult.VersionMismatch(1)),
            "not found for write" => (Write, new LineStoreResult.NotFound()),
            "redirect with space" => (Read, new LineStoreResult.NotLeader("leader 1:2")),
            "empty redirect" => (Read, new LineStoreResult.NotLeader("")),
            "redirect with newline" => (Read, new LineStoreResult.NotLeader("a:1\r\nOK 1")),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
        var output = new ArrayBufferWriter<byte>();
        Assert.False(LineReplyWriter.WriteResult(output, command, result));
        Assert.Equal("ERR_INTERNAL\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0.3, 1)]
    [InlineData(0.0, 1)]
    [InlineData(-2.0, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.001, 2)]
    [InlineData(3600.0, 3600)]
    public void RemainingSeconds_RoundsUp_AndShowsZeroOnlyForNever(double? seconds, long expected) =>
        Assert.Equal(expected, LineReplyWriter.RemainingSeconds(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Fact]
    public void CommandError_IsErrCmdErr()
    {
        var output = new ArrayBufferWriter<byte>();
        LineReplyWriter.WriteCommandError(output);
        Assert.Equal("ERR_CMD_ERR\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}

using System.Text;
using Microsoft.Extensions.Logging;
using Raft.Silo.LineProtocol;
using Raft.Tests.Support;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// Proves the server over real sockets on 127.0.0.1, byte for byte, against an in-memory store: a netcat
/// session of write, read, cas and delete; ERR_VERSION with the current version; ERR_FILE_NOT_FOUND;
/// ERR_REDIRECT from a store that is not the leader; ERR_INTERNAL when the store throws; bad input answered
/// with ERR_CMD_ERR on a connection that stays usable; an oversized value refused from its header alone and
/// never handed to the store; a value beyond the skip cap closing the connection; pipelined commands
/// answered in order; and an idle connection closed, but not one waiting on a slow store. Every wait is bounded by LineClient.Timeout.
/// </summary>
public sealed class LineProtocolSocketTests
{
    [Fact]
    public async Task NetcatSession_WriteReadCasDelete_ExactReplies()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.RoundTripAsync("write greeting 5\r\nhello\r\n", "OK 1\r\n");
        await client.RoundTripAsync("read greeting\r\n", "CONTENTS 1 5 0\r\nhello\r\n");
        await client.RoundTripAsync("cas greeting 1 6 60\r\nworld!\r\n", "OK 2\r\n");
        await client.RoundTripAsync("read greeting\r\n", "CONTENTS 2 6 60\r\nworld!\r\n");
        await client.RoundTripAsync("write greeting 0\r\n\r\n", "OK 3\r\n");
        await client.RoundTripAsync("read greeting\r\n", "CONTENTS 3 0 0\r\n\r\n");
        await client.RoundTripAsync("delete greeting\r\n", "OK\r\n");
        await client.RoundTripAsync("read greeting\r\n", "ERR_FILE_NOT_FOUND\r\n");
        Assert.Equal(["write greeting 5", "read greeting", "cas greeting 6", "read greeting", "write greeting 0", "read greeting", "delete greeting", "read greeting"], server.Store.Calls);
    }

    [Fact]
    public async Task CommandSentByteByByte_IsAnsweredOnce()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        foreach (var b in Encoding.UTF8.GetBytes("write k 4 9\r\na\r\nb\r\n")) await client.SendAsync([b]);
        await client.ExpectAsync("OK 1\r\n");
        await client.RoundTripAsync("read k\r\n", "CONTENTS 1 4 9\r\na\r\nb\r\n");
    }

    [Fact]
    public async Task Cas_WithStaleVersion_ErrVersionCarriesTheCurrentVersion_AndChangesNothing()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RoundTripAsync("write k 1\r\na\r\n", "OK 1\r\n");
        await client.RoundTripAsync("write k 1\r\nb\r\n", "OK 2\r\n");
        await client.RoundTripAsync("cas k 1 1\r\nc\r\n", "ERR_VERSION 2\r\n");
        await client.RoundTripAsync("read k\r\n", "CONTENTS 2 1 0\r\nb\r\n");
    }

    [Fact]
    public async Task MissingKey_ReadCasDelete_AnswerErrFileNotFound()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RoundTripAsync("read nope\r\n", "ERR_FILE_NOT_FOUND\r\n");
        await client.RoundTripAsync("cas nope 1 1\r\nx\r\n", "ERR_FILE_NOT_FOUND\r\n");
        await client.RoundTripAsync("delete nope\r\n", "ERR_FILE_NOT_FOUND\r\n");
    }

    [Fact]
    public async Task StoreNotLeader_AnswersErrRedirect_WithTheLeadersAddress()
    {
        await using var server = await LineServer.StartAsync();
        server.Store.LeaderAddress = "10.0.0.7:9000";
        await using var client = await server.ConnectAsync();
        await client.RoundTripAsync("write k 3\r\nabc\r\n", "ERR_REDIRECT 10.0.0.7:9000\r\n");
        await client.RoundTripAsync("read k\r\n", "ERR_REDIRECT 10.0.0.7:9000\r\n");
        await client.RoundTripAsync("delete k\r\n", "ERR_REDIRECT 10.0.0.7:9000\r\n");
    }

    [Fact]
    public async Task StoreThrows_AnswersErrInternal_AndTheSessionGoesOn()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        server.Store.Throw = new InvalidOperationException("replication timed out");
        await client.RoundTripAsync("write k 1\r\na\r\n", "ERR_INTERNAL\r\n");
        server.Store.Throw = null;
        await client.RoundTripAsync("write k 1\r\nb\r\n", "OK 1\r\n");
        Assert.Contains(server.Logs.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("write of k", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedLines_AreAnsweredWithErrCmdErr_AndTheConnectionStaysUsable()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        await client.RoundTripAsync("frobnicate k\r\n", "ERR_CMD_ERR\r\n");
        await client.RoundTripAsync("write k -1\r\n", "ERR_CMD_ERR\r\n");
        await client.RoundTripAsync("read " + new string('x', 5000) + "\r\n", "ERR_CMD_ERR\r\n");
        await client.RoundTripAsync("write k 3\r\nabcd\r\n", "ERR_CMD_ERR\r\n");
        // A bad name with a valid numbytes: the payload is a value, not a command to run.
        await client.RoundTripAsync("write bad\u0001name 10\r\ndelete k\r\n\r\n", "ERR_CMD_ERR\r\n");
        await client.RoundTripAsync("write k 1\r\nx\r\n", "OK 1\r\n");
        Assert.Equal(["write k 1"], server.Store.Calls);
        Assert.Contains(server.Logs.Lines, l => l.Text.Contains(nameof(LineCommandError.UnknownVerb), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OversizedValue_IsRefusedFromTheHeaderAlone_NeverReachesTheStore_AndTheConnectionStaysUsable()
    {
        await using var server = await LineServer.StartAsync(new LineProtocolOptions { MaxValueBytes = 1024, MaxDiscardBytes = 1024 * 1024 });
        await using var client = await server.ConnectAsync();
        // The refusal arrives before a single payload byte is sent: the server decided from numbytes.
        await client.RoundTripAsync("write big 200000\r\n", "ERR_CMD_ERR\r\n");
        await client.SendAsync(Encoding.ASCII.GetBytes(new string('v', 200_000) + "\r\n"));
        await client.RoundTripAsync("read big\r\n", "ERR_FILE_NOT_FOUND\r\n");
        await client.RoundTripAsync("write small 1024\r\n" + new string('s', 1024) + "\r\n", "OK 1\r\n");
        Assert.Equal(["read big", "write small 1024"], server.Store.Calls);
    }

    [Fact]
    public async Task ValueBeyondTheSkipCap_IsRefused_ThenTheConnectionCloses_AndOthersCarryOn()
    {
        await using var server = await LineServer.StartAsync(new LineProtocolOptions { MaxValueBytes = 1024, MaxDiscardBytes = 1024 * 1024 });
        await using (var client = await server.ConnectAsync())
        {
            await client.RoundTripAsync("write huge 10000000000\r\n", "ERR_CMD_ERR\r\n");
            await client.ExpectClosedAsync();
        }
        Assert.Empty(server.Store.Calls);
        Assert.Contains(server.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("larger than 1048576", StringComparison.Ordinal));
        await using var next = await server.ConnectAsync();
        await next.RoundTripAsync("write k 1\r\nx\r\n", "OK 1\r\n");
    }

    [Fact]
    public async Task PipelinedCommands_InOneWrite_AreAnsweredInOrder()
    {
        await using var server = await LineServer.StartAsync();
        await using var client = await server.ConnectAsync();
        var commands = new StringBuilder();
        var replies = new StringBuilder();
        for (var i = 1; i <= 300; i++)
        {
            var value = $"value-{i}";
            commands.Append($"write k{i % 7} {value.Length}\r\n{value}\r\nread k{i % 7}\r\nbogus\r\n");
            replies.Append($"OK {i}\r\nCONTENTS {i} {value.Length} 0\r\n{value}\r\nERR_CMD_ERR\r\n");
        }
        await client.SendAsync(commands.ToString());
        await client.ExpectAsync(replies.ToString());
        Assert.Equal(600, server.Store.Calls.Count);
    }

    [Fact]
    public async Task IdleConnection_IsClosed_AfterTheIdleTimeout()
    {
        await using var server = await LineServer.StartAsync(new LineProtocolOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        await using var client = await server.ConnectAsync();
        await client.RoundTripAsync("write k 1\r\nx\r\n", "OK 1\r\n");
        await client.ExpectClosedAsync();
    }

    [Fact]
    public async Task IdleTimeout_DoesNotCountTimeSpentWaitingOnTheStore()
    {
        await using var server = await LineServer.StartAsync(new LineProtocolOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        server.Store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var busy = await server.ConnectAsync();
        await busy.SendAsync("write k 1\r\nx\r\n");
        await Eventually.TrueAsync(() => server.Store.Calls.Count == 1, "the write reached the store");
        // A second, silent connection being closed shows that more than the idle timeout has passed.
        await using (var silent = await server.ConnectAsync())
        {
            await silent.ExpectClosedAsync();
        }
        server.Store.Gate.SetResult();
        await busy.ExpectAsync("OK 1\r\n");
        await busy.RoundTripAsync("read k\r\n", "CONTENTS 1 1 0\r\nx\r\n");
    }
}

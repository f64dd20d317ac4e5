using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// Serves the line protocol on a Kestrel endpoint: one connection is one session of any number of
/// commands. Commands run one at a time, in arrival order, so pipelined commands are answered in order;
/// replies are flushed when the parser runs out of complete commands (or a batch grows large), which lets a
/// pipelining client get many replies per write. Bad input is answered with ERR_CMD_ERR and the session goes
/// on; only a value too large to skip, an idle timeout or server shutdown closes it.
/// </summary>
public sealed class LineProtocolConnectionHandler(
    ILineStore store,
    LineProtocolOptions options,
    TimeProvider timeProvider,
    ILogger<LineProtocolConnectionHandler> logger) : ConnectionHandler
{
    /// <summary>Flush within a batch past this many buffered reply bytes, so a long pipeline of reads does not pile up in memory.</summary>
    private const int FlushThresholdBytes = 64 * 1024;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = new Session(connection.ConnectionId, connection.RemoteEndPoint?.ToString() ?? "unknown");
        logger.ConnectionAccepted(session.ConnectionId, session.Remote);
        // Server shutdown asks connections to close; without this an open session would hold StopAsync.
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closeRequested);
        try
        {
            await ServeAsync(connection.Transport, session, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Closed by the client or by server shutdown: an ordinary end.
        }
        catch (ConnectionResetException)
        {
            // The client went away mid-reply.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.ConnectionFailed(session.ConnectionId, session.Remote, e);
        }
        finally
        {
            logger.ConnectionClosed(session.ConnectionId, session.Remote, session.Commands);
        }
        // Returning hands the connection back to Kestrel, which closes it.
    }

    private async Task ServeAsync(IDuplexPipe transport, Session session, CancellationToken stopToken)
    {
        var input = transport.Input;
        var output = transport.Output;
        var parser = new LineCommandParser(options);
        // The idle timer is re-armed before every read; once it fires the read is cancelled and the session ends.
        using var idle = options.IdleTimeout is null ? null : new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var readCancellation = idle is null ? null : CancellationTokenSource.CreateLinkedTokenSource(stopToken, idle.Token);
        var readToken = readCancellation?.Token ?? stopToken;
        while (true)
        {
            if (options.IdleTimeout is { } idleTimeout) idle?.CancelAfter(idleTimeout);
            ReadResult read;
            try
            {
                read = await input.ReadAsync(readToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle?.IsCancellationRequested == true && !stopToken.IsCancellationRequested)
            {
                logger.ClosingIdle(session.ConnectionId, session.Remote, options.IdleTimeout!.Value);
                return;
            }
            // Disarm while commands run: a slow store is not an idle client.
            idle?.CancelAfter(Timeout.InfiniteTimeSpan);
            var buffer = read.Buffer;
            var close = false;
            try
            {
                while (parser.TryReadNext(ref buffer, out var parsed))
                {
                    if (!await AnswerAsync(parsed, output, session, stopToken).ConfigureAwait(false))
                    {
                        close = true;
                        break;
                    }
                    if (!output.CanGetUnflushedBytes || output.UnflushedBytes >= FlushThresholdBytes)
                    {
                        if ((await output.FlushAsync(stopToken).ConfigureAwait(false)).IsCompleted) return;
                    }
                }
                if (!close && (read.IsCompleted || read.IsCanceled))
                {
                    if (!buffer.IsEmpty || parser.IsMidCommand) logger.EndedMidCommand(session.ConnectionId, session.Remote);
                    close = true;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
            var flushed = await output.FlushAsync(stopToken).ConfigureAwait(false);
            if (close || flushed.IsCompleted) return;
        }
    }

    /// <summary>Writes the reply to one parsed unit. Returns false when the connection must close after it.</summary>
    private async ValueTask<bool> AnswerAsync(LineParseResult parsed, PipeWriter output, Session session, CancellationToken cancellationToken)
    {
        if (parsed.Command is not { } command)
        {
            logger.CommandRefused(session.ConnectionId, session.Remote, parsed.Error);
            LineReplyWriter.WriteCommandError(output);
            if (!parsed.ClosesConnection) return true;
            logger.ClosingOnHugeValue(session.ConnectionId, session.Remote, options.MaxDiscardBytes);
            return false;
        }
        session.Commands++;
        LineStoreResult result;
        try
        {
            result = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One failed command must not end the session; the client may retry or carry on.
            logger.StoreThrew(Verb(command), command.Name, e);
            LineReplyWriter.WriteInternalError(output);
            return true;
        }
        if (result is LineStoreResult.Failed failed) logger.StoreFailed(Verb(command), command.Name, failed.Reason);
        if (!LineReplyWriter.WriteResult(output, command, result)) logger.UnusableResult(Verb(command), command.Name, result.GetType().Name);
        return true;
    }

    private ValueTask<LineStoreResult> ExecuteAsync(LineCommand command, CancellationToken cancellationToken) => command switch
    {
        LineCommand.Write write => store.WriteAsync(write.Name, write.Value, write.TimeToLive, cancellationToken),
        LineCommand.Read read => store.ReadAsync(read.Name, cancellationToken),
        LineCommand.Cas cas => store.CasAsync(cas.Name, cas.ExpectedVersion, cas.Value, cas.TimeToLive, cancellationToken),
        LineCommand.Delete delete => store.DeleteAsync(delete.Name, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "not a line protocol command"),
    };

    private static string Verb(LineCommand command) => command switch
    {
        LineCommand.Write => "write",
        LineCommand.Read => "read",
        LineCommand.Cas => "cas",
        LineCommand.Delete => "delete",
        _ => command.GetType().Name,
    };

    /// <summary>What one connection has done so far, for the log.</summary>
    private sealed class Session(string connectionId, string remote)
    {
        public string ConnectionId { get; } = connectionId;

        public string Remote { get; } = remote;

        public long Commands { get; set; }
    }
}

using System.Globalization;
using System.Text;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// Serves the line protocol from the replicated key-value store through <see cref="IClientGrain"/>: write
/// is a put, read a linearizable read, cas a compare-and-swap, delete a delete, all exactly as the HTTP API
/// does them. The store holds text, so a payload that is not UTF-8 is refused (<see cref="LineStoreResult.Failed"/>,
/// ERR_INTERNAL on the wire; the result set has no ERR_CMD_ERR case) and nothing is proposed.
/// </summary>
/// <remarks>
/// A not-leader outcome becomes <see cref="LineStoreResult.NotLeader"/> with the leader's host:port, which by
/// default is taken from its client HTTP address; a host whose line protocol listens on other ports passes
/// <c>redirectAddress</c> to map one to the other. Timeouts, unavailability and refusals become Failed.
/// </remarks>
public sealed class ClusterLineStore : ILineStore
{
    // Strict: a payload with invalid bytes must be refused, not stored with replacement characters.
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IClientGrain _cluster;
    private readonly TimeProvider _time;
    private readonly StateMachineLimits _limits;
    private readonly Func<Uri, string?> _redirectAddress;

    /// <param name="time">The clock a read's remaining time to live is measured against.</param>
    /// <param name="limits">Checked before submitting, so a command the state machine would refuse costs no log entry.</param>
    /// <param name="redirectAddress">host:port for ERR_REDIRECT given the leader's HTTP address; null when it has none.</param>
    public ClusterLineStore(IClientGrain cluster, TimeProvider time, StateMachineLimits? limits = null, Func<Uri, string?>? redirectAddress = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(time);
        _cluster = cluster;
        _time = time;
        _limits = limits ?? StateMachineLimits.Default;
        _redirectAddress = redirectAddress ?? (uri => string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{uri.Port}"));
    }

    public async ValueTask<LineStoreResult> WriteAsync(string name, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        if (!TryDecode(value, out var text)) return NotText();
        return await SubmitAsync(new Operation.Put(name, text, TtlSeconds(timeToLive)), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<LineStoreResult> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (Refusal(new Operation.Get(name)) is { } refused) return refused;
        var outcome = await _cluster.ReadAsync(name, ReadConsistency.Linearizable, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != OutcomeStatus.Completed) return FromFailedOutcome(outcome);
        return outcome.Result switch
        {
            CommandResult.Value found => new LineStoreResult.Value(Encoding.UTF8.GetBytes(found.Text), found.Version, Remaining(found.ExpiresAtMs)),
            CommandResult.NotFound => new LineStoreResult.NotFound(),
            var other => Unexpected(other),
        };
    }

    public async ValueTask<LineStoreResult> CasAsync(string name, long expectedVersion, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        if (!TryDecode(value, out var text)) return NotText();
        return await SubmitAsync(new Operation.Cas(name, expectedVersion, text, TtlSeconds(timeToLive)), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<LineStoreResult> DeleteAsync(string name, CancellationToken cancellationToken) =>
        await SubmitAsync(new Operation.Delete(name), cancellationToken).ConfigureAwait(false);

    /// <summary>Whole seconds, rounded up so that a key never expires before the client asked.</summary>
    private static long? TtlSeconds(TimeSpan? timeToLive) =>
        timeToLive is { } ttl ? (long)Math.Ceiling(ttl.TotalSeconds) : null;

    private static bool TryDecode(ReadOnlyMemory<byte> value, out string text)
    {
        try
        {
            text = _strictUtf8.GetString(value.Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static LineStoreResult.Failed NotText() => new("the value is not UTF-8; the replicated store holds text");

    private static LineStoreResult.Failed Unexpected(CommandResult? result) => result switch
    {
        null => new LineStoreResult.Failed("the cluster completed the command without a result"),
        CommandResult.Invalid invalid => new LineStoreResult.Failed("refused: " + invalid.Reason),
        CommandResult.SessionExpired => new LineStoreResult.Failed("the cluster session expired before the command was applied"),
        _ => new LineStoreResult.Failed($"the cluster answered {result.Code}, which does not fit the command"),
    };

    private async ValueTask<LineStoreResult> SubmitAsync(Operation operation, CancellationToken cancellationToken)
    {
        if (Refusal(operation) is { } refused) return refused;
        var outcome = await _cluster.SubmitAsync(operation, requestId: null, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != OutcomeStatus.Completed) return FromFailedOutcome(outcome);
        return outcome.Result switch
        {
            CommandResult.Written written => new LineStoreResult.Ok(written.Version),
            // The state machine does not report the deleted version; the line protocol shows only OK.
            CommandResult.Deleted => new LineStoreResult.Ok(0),
            CommandResult.NotFound => new LineStoreResult.NotFound(),
            // Seed 004: a cas on a missing file is ERR_FILE_NOT_FOUND, not a version error.
            CommandResult.VersionMismatch { CurrentVersion: 0 } => new LineStoreResult.NotFound(),
            CommandResult.VersionMismatch mismatch => new LineStoreResult.VersionMismatch(mismatch.CurrentVersion),
            var other => Unexpected(other),
        };
    }

    private LineStoreResult.Failed? Refusal(Operation operation) =>
        CommandValidator.Validate(new Command(1, 1, 0, operation), _limits) is { } invalid ? new LineStoreResult.Failed("refused: " + invalid.Reason) : null;

    private LineStoreResult FromFailedOutcome(CommandOutcome outcome)
    {
        if (outcome.Status == OutcomeStatus.NotLeader)
        {
            if (outcome.LeaderAddress is null) return new LineStoreResult.Failed("no leader is known");
            var address = Uri.TryCreate(outcome.LeaderAddress.Contains("://", StringComparison.Ordinal) ? outcome.LeaderAddress : "http://" + outcome.LeaderAddress, UriKind.Absolute, out var uri)
                ? _redirectAddress(uri)
                : null;
            return address is null ? new LineStoreResult.Failed($"the leader's address '{outcome.LeaderAddress}' has no host:port") : new LineStoreResult.NotLeader(address);
        }
        return new LineStoreResult.Failed($"{outcome.Status}: {outcome.Detail ?? "no detail"}");
    }

    /// <summary>
    /// Time left by this silo's clock. The state machine judges expiry by log time and says the key is alive;
    /// when the clocks disagree and the expiry has passed here, the key is shown with a moment left rather
    /// than as never expiring (a zero TTL reads as "never" on the wire).
    /// </summary>
    private TimeSpan? Remaining(long? expiresAtMs)
    {
        if (expiresAtMs is not { } ms) return null;
        var remaining = DateTimeOffset.FromUnixTimeMilliseconds(ms) - _time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1);
    }
}

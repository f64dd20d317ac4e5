using System.Buffers;
using Raft.Core.Messages;

namespace Raft.Grains.StateMachine;

/// <summary>
/// The replicated state machine every peer applies committed entries to: a key-value store with versions,
/// compare-and-swap and expiry, a message queue of topics (seed 002), and client sessions that make commands
/// exactly-once (dissertation §6.3).
/// </summary>
/// <remarks>
/// Deterministic by construction: the only input is the entry (its index and its command, whose timestamp the
/// leader wrote), there is no clock or randomness, and nothing observable depends on hash order. Versions are
/// log indexes. Time is <see cref="NowMs"/>, the largest timestamp applied so far, so it never goes backward
/// even when successive leaders' clocks disagree. A command that does not decode or breaks a rule returns
/// <see cref="CommandResult.Invalid"/> and changes nothing; Apply never throws for anything a client can send.
/// Not thread-safe: the peer grain applies and queries it from its single-threaded turns.
/// </remarks>
public sealed class KeyValueStateMachine : ISnapshottableStateMachine
{
    private readonly StateMachineLimits _limits;
    private KeyValueStore _store = new();
    private TopicQueues _queues = new();
    private SessionTable _sessions = new();

    public KeyValueStateMachine(StateMachineLimits? limits = null)
    {
        _limits = limits ?? StateMachineLimits.Default;
        // A window of 0 would record nothing, and every retry would apply again.
        ArgumentOutOfRangeException.ThrowIfLessThan(_limits.SessionResultWindow, 1, nameof(limits));
    }

    public StateMachineLimits Limits => _limits;

    /// <inheritdoc />
    public long AppliedIndex { get; private set; }

    /// <summary>The state machine's clock: the largest command timestamp applied, in Unix milliseconds.</summary>
    public long NowMs { get; private set; }

    public int KeyCount => _store.Count;

    public int SessionCount => _sessions.Count;

    /// <summary>
    /// Applies one committed entry and returns the encoded <see cref="CommandResult"/>. Entries must come in
    /// increasing index order (gaps are the no-ops the host skips); a no-op passed anyway only advances
    /// <see cref="AppliedIndex"/> and returns no bytes.
    /// </summary>
    public ReadOnlyMemory<byte> Apply(Entry entry)
    {
        if (entry.Index <= AppliedIndex)
        {
            // The host broke the apply-in-order contract; applying twice would diverge this peer.
            throw new InvalidOperationException($"Entry {entry.Index} applied after {AppliedIndex}; entries apply once, in order.");
        }
        AppliedIndex = entry.Index;
        if (entry.Type != EntryType.Normal) return ReadOnlyMemory<byte>.Empty;

        if (!CommandCodec.TryDecode(entry.Data.Span, out var command, out var error))
        {
            return ResultCodec.Encode(new CommandResult.Invalid(error));
        }
        if (CommandValidator.Validate(command, _limits) is { } invalid) return ResultCodec.Encode(invalid);

        AdvanceClock(command.TimestampMs);
        if (command.Operation is Operation.RegisterSession register)
        {
            return ResultCodec.Encode(new CommandResult.SessionRegistered(RegisterSession(register.Name, entry.Index)));
        }
        return ApplyInSession(command, entry.Index);
    }

    /// <summary>
    /// The leader's check of a command before it is appended: one that does not decode or breaks the limits
    /// would cost a log entry and change nothing, so it is refused here. An accepted command is stamped with
    /// the leader's clock, the only time the state machine knows.
    /// </summary>
    public string? PrepareProposal(Span<byte> command, long leaderTimeMs)
    {
        if (!CommandCodec.TryDecode(command, out var decoded, out var error)) return error;
        if (CommandValidator.Validate(decoded, _limits) is { } invalid) return invalid.Reason;
        CommandCodec.StampTimestamp(command, leaderTimeMs);
        return null;
    }

    /// <summary>A key's value as of the last applied entry, for ReadIndex and stale reads; changes nothing.</summary>
    public CommandResult Read(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _store.TryGet(key, NowMs, out var value)
            ? new CommandResult.Value(value.Text, value.Version, value.ExpiresAtMs)
            : new CommandResult.NotFound();
    }

    /// <summary>Every topic in creation order, as of the last applied entry; changes nothing.</summary>
    public CommandResult.Topics ListTopics() => new(_queues.Topics);

    /// <inheritdoc />
    public void WriteSnapshot(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Freeze().WriteTo(destination);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only the key-value pairs are copied (values are immutable); queues and sessions, which are small and
    /// mutable, are written to bytes now. Sorting the keys and writing them, the large part, is left to the
    /// returned function, so a leader is not held up past its followers' election timeout.
    /// </remarks>
    public Action<IBufferWriter<byte>> FreezeSnapshot() => Freeze().WriteTo;

    private FrozenState Freeze()
    {
        var rest = new SegmentedBufferWriter();
        var restWriter = new SnapshotWriter(rest);
        _queues.WriteTo(restWriter);
        _sessions.WriteTo(restWriter);
        return new FrozenState(AppliedIndex, NowMs, _store.Freeze(), rest.ToArray());
    }

    /// <summary>The state at one applied index, independent of the live one: the snapshot's sections in order.</summary>
    private sealed record FrozenState(long AppliedIndex, long NowMs, KeyValuePair<string, StoredValue>[] Values, byte[] QueuesAndSessions)
    {
        public void WriteTo(IBufferWriter<byte> destination)
        {
            var writer = new SnapshotWriter(destination);
            SnapshotEnvelope.WriteHeader(writer);
            writer.WriteInt64(AppliedIndex);
            writer.WriteInt64(NowMs);
            KeyValueStore.WriteTo(writer, Values);
            writer.WriteRaw(QueuesAndSessions);
            SnapshotEnvelope.WriteTrailer(writer);
        }
    }

    /// <summary>The snapshot as one array.</summary>
    public byte[] WriteSnapshot()
    {
        var buffer = new SegmentedBufferWriter();
        WriteSnapshot(buffer);
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public void RestoreSnapshot(ReadOnlySpan<byte> snapshot)
    {
        var reader = new FieldReader(SnapshotEnvelope.Open(snapshot));
        try
        {
            // Decode everything into new parts first, so a bad section leaves the current state as it was.
            var appliedIndex = reader.ReadInt64("applied index");
            var nowMs = reader.ReadInt64("now");
            if (appliedIndex < 0) throw new MalformedDataException($"applied index is {appliedIndex}");
            var store = KeyValueStore.ReadFrom(ref reader);
            var queues = TopicQueues.ReadFrom(ref reader);
            var sessions = SessionTable.ReadFrom(ref reader);
            reader.EnsureEnd("snapshot");
            (AppliedIndex, NowMs, _store, _queues, _sessions) = (appliedIndex, nowMs, store, queues, sessions);
        }
        catch (MalformedDataException e)
        {
            throw new SnapshotCorruptException(e.Message, e);
        }
    }

    /// <summary>
    /// Moves the clock to the command's timestamp if that is later, then drops what expired by the new time.
    /// Both sweeps take only what is due, so apply stays O(log n) amortized.
    /// </summary>
    private void AdvanceClock(long timestampMs)
    {
        if (timestampMs <= NowMs) return;
        NowMs = timestampMs;
        _store.RemoveExpired(NowMs);
        _sessions.ExpireIdleBefore(NowMs - _limits.SessionTimeoutMs);
    }

    /// <summary>
    /// Opens a session whose id is this entry's index, unless <paramref name="name"/> belongs to a live session:
    /// then that session is touched and its id returned, so a client that registers through several silos (or
    /// retries its registration) ends up in one session. The clock has already advanced, so a named session
    /// idle past the timeout is gone by now and its name opens a fresh session (§6.3: the client must then
    /// start over, as its earlier results are forgotten).
    /// </summary>
    private long RegisterSession(string? name, long index)
    {
        if (name is not null && _sessions.FindByName(name) is { } existing)
        {
            _sessions.Touch(existing, NowMs);
            return existing.Id;
        }
        return _sessions.Register(index, name, NowMs, _limits.MaxSessions).Id;
    }

    /// <summary>
    /// Exactly-once (dissertation §6.3) with several commands in flight: a sequence whose result is recorded
    /// gets that result and is not applied again; an unrecorded one within
    /// <see cref="StateMachineLimits.SessionResultWindow"/> of the highest is applied once and recorded, in
    /// whatever order the entries arrive; an unrecorded one below the window is refused, because its result
    /// may have been forgotten and applying it could apply it twice.
    /// </summary>
    private byte[] ApplyInSession(Command command, long index)
    {
        if (_sessions.Find(command.SessionId) is not { } session) return ResultCodec.Encode(new CommandResult.SessionExpired());
        if (!session.TryGetResult(command.Sequence, out var result))
        {
            if (session.IsBelowWindow(command.Sequence, _limits.SessionResultWindow))
            {
                // Not touched: a refused command is not activity that should keep the session alive.
                return ResultCodec.Encode(new CommandResult.Invalid("stale sequence"));
            }
            result = ResultCodec.Encode(Execute(command.Operation, index));
            session.Record(command.Sequence, result, _limits.SessionResultWindow);
        }
        _sessions.Touch(session, NowMs);
        return result;
    }

    private CommandResult Execute(Operation operation, long index) => operation switch
    {
        Operation.Put put => Write(put.Key, put.Value, put.TtlSeconds, index),
        Operation.Cas cas => CompareAndSwap(cas, index),
        Operation.Delete delete => _store.Remove(delete.Key) ? new CommandResult.Deleted() : new CommandResult.NotFound(),
        Operation.Get get => Read(get.Key),
        Operation.CreateTopic create => _queues.Create(create.Topic)
            ? new CommandResult.QueueSuccess()
            : new CommandResult.QueueFailure("topic exists"),
        Operation.ListTopics => ListTopics(),
        Operation.PutMessage put => _queues.TryEnqueue(put.Topic, put.Message)
            ? new CommandResult.QueueSuccess()
            : new CommandResult.QueueFailure("no such topic"),
        Operation.GetMessage get => _queues.Dequeue(get.Topic),
        _ => new CommandResult.Invalid($"operation {operation.Code} cannot run in a session"),
    };

    private CommandResult.VersionMismatch? CheckVersion(string key, long expectedVersion)
    {
        var current = _store.TryGet(key, NowMs, out var value) ? value.Version : 0;
        return current == expectedVersion ? null : new CommandResult.VersionMismatch(current);
    }

    private CommandResult CompareAndSwap(Operation.Cas cas, long index) =>
        (CommandResult?)CheckVersion(cas.Key, cas.ExpectedVersion) ?? Write(cas.Key, cas.Value, cas.TtlSeconds, index);

    /// <summary>
    /// Stores a value whose version is this entry's index. The TTL counts from <see cref="NowMs"/> rather than
    /// the entry's own timestamp: NowMs is at least that timestamp, and a new leader whose clock lags would
    /// otherwise create keys that are already expired.
    /// </summary>
    private CommandResult.Written Write(string key, string text, long? ttlSeconds, long index)
    {
        long? expiresAtMs = ttlSeconds is { } ttl ? SaturatingAdd(NowMs, ttl * 1000) : null;
        _store.Set(key, new StoredValue(text, index, expiresAtMs));
        return new CommandResult.Written(index);
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

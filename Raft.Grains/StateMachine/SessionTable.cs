namespace Raft.Grains.StateMachine;

/// <summary>
/// The live client sessions, kept in order of last activity (least recent first). Activity is stamped with the
/// state machine's clock, which never goes backward, so the order is also the order of
/// <see cref="ClientSession.LastActiveMs"/>: expiry only ever looks at the front of the list, which makes it
/// O(1) amortized per command and exact, with no periodic scan of every session. Both expiry and the
/// <see cref="StateMachineLimits.MaxSessions"/> eviction follow the log alone, so every peer drops the same
/// sessions at the same entry (dissertation §6.3). Named sessions are also indexed by name; a name leaves the
/// index with its session, so after expiry or eviction the same name opens a fresh session.
/// </summary>
internal sealed class SessionTable
{
    private readonly Dictionary<long, LinkedListNode<ClientSession>> _byId = [];

    // Only named sessions; ordinal, because names are compared as the bytes the client sent.
    private readonly Dictionary<string, ClientSession> _byName = new(StringComparer.Ordinal);

    // Invariant: holds exactly the sessions in _byId, in nondecreasing LastActiveMs.
    private readonly LinkedList<ClientSession> _byActivity = new();

    public int Count => _byId.Count;

    public ClientSession? Find(long id) => _byId.TryGetValue(id, out var node) ? node.Value : null;

    public ClientSession? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// Opens a session, first evicting the least recently active ones while the table is full. The caller
    /// checks <see cref="FindByName"/> first: a name already in use is a bug, not client input.
    /// </summary>
    public ClientSession Register(long id, string? name, long nowMs, int maxSessions)
    {
        if (_byId.ContainsKey(id)) throw new InvalidOperationException($"Session {id} exists already; session ids are log indexes and must be unique.");
        if (name is not null && _byName.ContainsKey(name)) throw new InvalidOperationException($"A live session is named '{name}' already.");
        while (_byId.Count >= maxSessions && _byActivity.First is { } oldest) Remove(oldest);
        var session = new ClientSession(id, name, nowMs);
        _byId.Add(id, _byActivity.AddLast(session));
        if (name is not null) _byName.Add(name, session);
        return session;
    }

    /// <summary>Marks the session active now and moves it to the back of the activity order.</summary>
    public void Touch(ClientSession session, long nowMs)
    {
        var node = _byId[session.Id];
        session.LastActiveMs = nowMs;
        _byActivity.Remove(node);
        _byActivity.AddLast(node);
    }

    /// <summary>Removes every session last active before <paramref name="activeSinceMs"/>.</summary>
    public void ExpireIdleBefore(long activeSinceMs)
    {
        while (_byActivity.First is { } oldest && oldest.Value.LastActiveMs < activeSinceMs) Remove(oldest);
    }

    private void Remove(LinkedListNode<ClientSession> node)
    {
        _byActivity.Remove(node);
        _byId.Remove(node.Value.Id);
        if (node.Value.Name is { } name) _byName.Remove(name);
    }

    /// <summary>
    /// Sessions in activity order with their name, activity and recorded (sequence, result) pairs in ascending
    /// sequence order; both orders are fixed by the log, so the same entries give the same bytes.
    /// </summary>
    public void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt32(_byId.Count);
        foreach (var session in _byActivity)
        {
            writer.WriteInt64(session.Id);
            writer.WriteOptionalString(session.Name);
            writer.WriteInt64(session.LastActiveMs);
            writer.WriteInt32(session.ResultCount);
            foreach (var (sequence, result) in session.Results)
            {
                writer.WriteInt64(sequence);
                writer.WriteBytes(result);
            }
        }
    }

    public static SessionTable ReadFrom(ref FieldReader reader)
    {
        var table = new SessionTable();
        var count = reader.ReadCount("session count", (FieldSize.Int64 * 2) + FieldSize.Byte + FieldSize.Int32);
        var previousActiveMs = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadInt64("session id");
            var name = reader.ReadOptionalString("session name");
            var lastActiveMs = reader.ReadInt64("last active");
            if (id <= 0) throw new MalformedDataException($"session {i} has id {id}");
            if (lastActiveMs < previousActiveMs) throw new MalformedDataException($"session {i} is out of activity order");
            if (table.Find(id) is not null) throw new MalformedDataException($"session {id} appears twice");
            if (name is not null && (name.Length == 0 || table.FindByName(name) is not null))
            {
                throw new MalformedDataException($"session {id} has an empty or repeated name");
            }
            var session = table.Register(id, name, lastActiveMs, int.MaxValue);
            ReadResults(ref reader, session);
            previousActiveMs = lastActiveMs;
        }
        return table;
    }

    private static void ReadResults(ref FieldReader reader, ClientSession session)
    {
        var count = reader.ReadCount("result count", FieldSize.Int64 + FieldSize.Int32);
        var previous = 0L;
        for (var i = 0; i < count; i++)
        {
            var sequence = reader.ReadInt64("result sequence");
            var result = reader.ReadBytes("result").ToArray();
            // Strictly ascending and positive, as written; anything else was not written by WriteTo.
            if (sequence <= previous) throw new MalformedDataException($"session {session.Id} has result sequence {sequence} after {previous}");
            // The window of the snapshot's writer, which had the same limits: no trimming on the way in, so
            // restore-then-write gives back the same bytes.
            session.Record(sequence, result, int.MaxValue);
            previous = sequence;
        }
    }
}

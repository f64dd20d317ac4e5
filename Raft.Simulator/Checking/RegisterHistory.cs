using System.Text;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Simulator.Checking.Linearizability;

namespace Raft.Simulator.Checking;

/// <summary>
/// Records what simulated clients saw as a history of register operations, for the linearizability
/// checker. A proposal of "key=value" is a write, invoked when proposed; it completes when the peer it was
/// proposed at applies an entry at the index and term it was given, never happened if that peer applies a
/// different entry there, and has an unknown outcome if that peer crashes first, its client gives up, or
/// the run ends. A keyed read is invoked when ReadIndex is asked and completes when the asking peer has
/// applied up to the read index; its output is the key's value in that peer's applied state. Reads never
/// answered constrain nothing and are left out. Times are virtual milliseconds.
/// <para>
/// Operations are recorded only on behalf of a client taken with <see cref="TryTakeClient"/>, and each
/// client has one operation in flight, as Jepsen's client processes do: the search's cost grows with how
/// many operations overlap, and a leader cut off from its followers would otherwise gather hundreds.
/// A client that waits longer than its timeout gives up (the outcome stays unknown) and is replaced.
/// </para>
/// </summary>
public sealed class RegisterHistory(Func<long> nowMs, int clients, long clientTimeoutMs)
{
    private sealed class PeerState
    {
        public readonly Dictionary<string, string> Values = new(StringComparer.Ordinal);
        public long Applied;
        // Reads answered with an index this peer has not applied yet.
        public readonly List<(long Index, int Read)> Waiting = [];
    }

    // Every operation recorded; null entries never happened. Pending and abandoned ones have no output.
    private readonly List<Operation<RegisterInput, RegisterOutput>?> _operations = [];
    private readonly List<int> _clientOf = [];
    private readonly Dictionary<(int Peer, long Index), (long Term, int Write)> _pendingWrites = [];
    private readonly Dictionary<long, (int Peer, int Read)> _askedReads = [];
    private readonly HashSet<int> _answeredReads = [];
    private readonly Dictionary<int, PeerState> _peers = [];
    // Per client slot: the operation in flight and when it began, or none. The client's id grows by
    // `clients` each time the slot's process gives up, so a new process never shares an id.
    private readonly (int Operation, long SinceMs)?[] _inFlight = new (int, long)?[clients];
    private readonly int[] _clientIds = Enumerable.Range(0, clients).ToArray();
    private int _acting = -1;

    public int Count => _operations.Count(op => op is not null);

    public Verdict? LastResult { get; private set; }

    /// <summary>Parses "key=value" commands; anything else (no-ops, probes) is not a register operation.</summary>
    public static bool TryParse(ReadOnlySpan<byte> command, out string key, out string value)
    {
        var split = command.IndexOf((byte)'=');
        if (split <= 0)
        {
            (key, value) = ("", "");
            return false;
        }
        key = Encoding.UTF8.GetString(command[..split]);
        value = Encoding.UTF8.GetString(command[(split + 1)..]);
        return true;
    }

    public static byte[] Encode(string key, string value) => Encoding.UTF8.GetBytes($"{key}={value}");

    /// <summary>
    /// Picks an idle client to act for the next recorded operation, first retiring clients that waited past
    /// their timeout. False when every client is busy: the caller's operation is then not recorded.
    /// </summary>
    public bool TryTakeClient()
    {
        _acting = -1;
        for (var slot = 0; slot < _inFlight.Length; slot++)
        {
            if (_inFlight[slot] is { } busy && nowMs() - busy.SinceMs > clientTimeoutMs)
            {
                Release(busy.Operation);
                _clientIds[slot] += _inFlight.Length;
            }
            if (_acting < 0 && _inFlight[slot] is null) _acting = slot;
        }
        return _acting >= 0;
    }

    private int Record(RegisterInput input)
    {
        var operation = _operations.Count;
        _operations.Add(Operation.Unknown<RegisterInput, RegisterOutput>(_clientIds[_acting], input, nowMs()));
        _clientOf.Add(_acting);
        _inFlight[_acting] = (operation, nowMs());
        _acting = -1;
        return operation;
    }

    /// <summary>Frees the operation's client; what the operation's record says stays as it is.</summary>
    private void Release(int operation)
    {
        var slot = _clientOf[operation];
        if (_inFlight[slot]?.Operation == operation) _inFlight[slot] = null;
    }

    private bool InFlight(int operation) => _inFlight[_clientOf[operation]]?.Operation == operation;

    private PeerState StateOf(int peer)
    {
        if (!_peers.TryGetValue(peer, out var state)) _peers[peer] = state = new PeerState();
        return state;
    }

    public void OnProposed(int peer, long index, long term, ReadOnlySpan<byte> command)
    {
        if (_acting < 0 || !TryParse(command, out var key, out var value)) return;
        _pendingWrites[(peer, index)] = (term, Record(new RegisterInput.Write(key, value)));
    }

    public void OnApply(int peer, Entry entry)
    {
        var state = StateOf(peer);
        state.Applied = entry.Index;
        if (TryParse(entry.Data.Span, out var key, out var value)) state.Values[key] = value;
        if (_pendingWrites.Remove((peer, entry.Index), out var write) && InFlight(write.Write))
        {
            // A different entry at that index means ours was overwritten, so it was never committed.
            _operations[write.Write] = write.Term == entry.Term
                ? _operations[write.Write]! with { Output = RegisterOutput.Written, CompleteTime = nowMs() }
                : null;
            Release(write.Write);
        }
        for (var i = state.Waiting.Count - 1; i >= 0; i--)
        {
            if (state.Waiting[i].Index > state.Applied) continue;
            Answer(state, state.Waiting[i].Read);
            state.Waiting.RemoveAt(i);
        }
    }

    /// <summary>
    /// The peer's state was replaced by a snapshot at <paramref name="index"/>: its writes pending at or below
    /// it will never be applied there, so their outcome stays unknown; reads it owes up to there are answered.
    /// </summary>
    public void OnRestore(int peer, long index, IReadOnlyDictionary<string, string> values)
    {
        var state = StateOf(peer);
        state.Values.Clear();
        foreach (var (key, value) in values) state.Values[key] = value;
        state.Applied = index;
        foreach (var key in _pendingWrites.Keys.Where(k => k.Peer == peer && k.Index <= index).ToArray())
        {
            _pendingWrites.Remove(key, out var write);
            Release(write.Write);
        }
        for (var i = state.Waiting.Count - 1; i >= 0; i--)
        {
            if (state.Waiting[i].Index > state.Applied) continue;
            Answer(state, state.Waiting[i].Read);
            state.Waiting.RemoveAt(i);
        }
    }

    /// <summary>Call before asking, with the context the read will come back under: a single peer answers at once.</summary>
    public void OnReadAsked(long context, int peer, string key)
    {
        if (_acting < 0) return;
        _askedReads[context] = (peer, Record(new RegisterInput.Read(key)));
    }

    /// <summary>The read was refused: it never happened.</summary>
    public void Forget(long context)
    {
        if (!_askedReads.Remove(context, out var read)) return;
        Release(read.Read);
        _operations[read.Read] = null;
    }

    public void OnReadIndex(int peer, ReadState readState)
    {
        if (!_askedReads.Remove(readState.Context, out var read) || read.Peer != peer) return;
        var state = StateOf(peer);
        if (state.Applied >= readState.Index) Answer(state, read.Read);
        else state.Waiting.Add((readState.Index, read.Read));
    }

    private void Answer(PeerState state, int read)
    {
        if (!InFlight(read)) return; // its client gave up
        var operation = _operations[read]!;
        var key = ((RegisterInput.Read)operation.Input).Key;
        _operations[read] = operation with { Output = new RegisterOutput(state.Values.GetValueOrDefault(key)), CompleteTime = nowMs() };
        _answeredReads.Add(read);
        Release(read);
    }

    /// <summary>A crash loses the peer's applied state and every answer it owed; its clients learn that they failed.</summary>
    public void OnCrash(int peer)
    {
        foreach (var key in _pendingWrites.Keys.Where(k => k.Peer == peer).ToArray())
        {
            _pendingWrites.Remove(key, out var write);
            Release(write.Write);
        }
        foreach (var (context, read) in _askedReads.Where(r => r.Value.Peer == peer).ToArray())
        {
            _askedReads.Remove(context);
            Release(read.Read);
        }
        if (_peers.Remove(peer, out var state))
        {
            foreach (var (_, read) in state.Waiting) Release(read);
        }
    }

    /// <summary>The history so far: answered and unknown-outcome writes, answered reads.</summary>
    public IReadOnlyList<Operation<RegisterInput, RegisterOutput>> Operations() =>
        _operations.Select((op, i) => (op, i))
            .Where(x => x.op is { Input: RegisterInput.Write } || (x.op is not null && _answeredReads.Contains(x.i)))
            .Select(x => x.op!)
            .ToArray();

    /// <summary>Checks the history so far; an illegal one is a violation with the witness as its detail.</summary>
    public Violation? Check(CheckBudget? budget = null)
    {
        var result = LinearizabilityChecker.Check(RegisterModel.Instance, Operations(), budget);
        LastResult = result.Verdict;
        return result.Verdict == Verdict.Illegal
            ? new Violation(RaftProperty.Linearizability, nowMs(), $"client history is not linearizable: {result.Witness}")
            : null;
    }
}

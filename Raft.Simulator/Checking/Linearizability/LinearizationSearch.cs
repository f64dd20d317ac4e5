using System.Diagnostics;

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Wing and Gong's search for a linearization of one sub-history, with Lowe's improvements as Porcupine's
/// checkSingle has them ("Testing for linearizability", Lowe 2017). The history is a list of call and
/// return events in time order, calls first at equal times so that touching intervals count as concurrent.
/// The candidates at each point are the calls before the first return still in the list: an operation
/// that returned must be linearized before anything invoked after. The search tries a candidate (the model
/// must accept it in the current state), lifts its call and return out of the list and pushes an undo
/// record; when no candidate is left it pops the last choice and tries the next. An empty list means every
/// operation found its place. Lowe's memo of (linearized set, state) pairs prunes configurations already
/// explored from another order: two paths that reach the same set in the same state have the same future.
/// Unlike Porcupine, which tries candidates in call order, this tries them earliest return first, and
/// commits to observers (see <see cref="Run"/>); both keep the search complete.
/// </summary>
internal sealed class LinearizationSearch<TState, TInput, TOutput>
    where TOutput : class
{
    private const int None = -1;

    private readonly ISequentialModel<TState, TInput, TOutput> _model;
    private readonly IReadOnlyList<Operation<TInput, TOutput>> _operations;
    // Doubly linked list over event positions; position _head is a sentinel before the first event.
    private readonly int[] _next;
    private readonly int[] _prev;
    private readonly int[] _operationAt;
    // For a call event, the position of its return event; None for a return event.
    private readonly int[] _returnOf;
    private readonly int _head;

    public LinearizationSearch(ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations)
    {
        _model = model;
        // Numbered in call order, which keeps the linearized set's window small (see LinearizedSet).
        _operations = operations.Select((op, i) => (op, i)).OrderBy(x => x.op.InvokeTime).ThenBy(x => x.i).Select(x => x.op).ToArray();
        operations = _operations;
        var events = new (long Time, bool IsReturn, int Operation)[operations.Count * 2];
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (operation.Output is not null && operation.CompleteTime < operation.InvokeTime)
                throw new ArgumentException($"operation {i} completes before it is invoked: {operation}", nameof(operations));
            events[2 * i] = (operation.InvokeTime, false, i);
            events[2 * i + 1] = (operation.EffectiveCompleteTime, true, i);
        }
        // Calls before returns at equal times; the operation index breaks the remaining ties deterministically.
        Array.Sort(events, static (a, b) =>
            a.Time != b.Time ? a.Time.CompareTo(b.Time)
            : a.IsReturn != b.IsReturn ? (a.IsReturn ? 1 : -1)
            : a.Operation.CompareTo(b.Operation));

        var count = events.Length;
        _head = count;
        _next = new int[count + 1];
        _prev = new int[count + 1];
        _operationAt = new int[count];
        _returnOf = new int[count];
        var returnPosition = new int[operations.Count];
        for (var p = 0; p < count; p++)
        {
            _operationAt[p] = events[p].Operation;
            if (events[p].IsReturn) returnPosition[events[p].Operation] = p;
        }
        for (var p = 0; p < count; p++)
        {
            _returnOf[p] = events[p].IsReturn ? None : returnPosition[events[p].Operation];
            _next[p] = p + 1 < count ? p + 1 : None;
            _prev[p] = p == 0 ? _head : p - 1;
        }
        _next[_head] = count > 0 ? 0 : None;
        _prev[_head] = None;
    }

    /// <summary>Searches within <paramref name="maxSteps"/> steps and, when given, before the deadline (a Stopwatch timestamp).</summary>
    public SearchOutcome Run(long maxSteps, long? deadlineTimestamp)
    {
        var memo = new HashSet<MemoKey>(new MemoComparer(_model));
        var linearized = new LinearizedSet(_operations.Count);
        var undo = new Stack<(int Call, TState State, bool Observer)>();
        var state = _model.Init();
        // Candidates are tried in order of their return events; this is the last one tried at this level.
        var tried = None;
        long steps = 0;

        // Linearizes the candidate if the model allows it and the configuration it leads to is new.
        bool TryLinearize(int candidate, TState next, bool observer)
        {
            linearized.Set(_operationAt[candidate]);
            var (offset, window) = linearized.Window;
            var probe = new MemoKey(offset, window, next, linearized.Hash, _model.StateHash(next));
            if (memo.Contains(probe))
            {
                linearized.Clear(_operationAt[candidate]);
                return false;
            }
            memo.Add(probe with { Window = window.ToArray() });
            undo.Push((candidate, state, observer));
            state = next;
            Lift(candidate);
            tried = None;
            return true;
        }

        while (_next[_head] != None)
        {
            if (++steps > maxSteps) return new SearchOutcome(Verdict.Unknown, steps);
            if ((steps & 1023) == 0 && deadlineTimestamp is { } deadline && Stopwatch.GetTimestamp() > deadline)
                return new SearchOutcome(Verdict.Unknown, steps);

            // An observer (a legal operation that leaves the state as it was) can always be linearized as
            // soon as it is a candidate: moving it earlier breaks neither real-time order nor any later
            // step. So on reaching a configuration the search takes any such candidate first and does not
            // branch on it: if what follows fails, the configuration before it fails too.
            if (tried == None && FindObserver(state) is { } found)
            {
                if (!TryLinearize(found.Candidate, found.Next, observer: true)) tried = int.MaxValue; // explored, failed
                continue;
            }

            var candidate = NextCandidate(tried);
            if (candidate != None)
            {
                tried = _returnOf[candidate];
                var operation = _operations[_operationAt[candidate]];
                var (ok, next) = _model.Step(state, operation.Input, operation.Output);
                if (ok) TryLinearize(candidate, next, observer: false);
                continue;
            }
            // No candidate left: this configuration has no linearization. Undo the last choice and try the
            // candidate after it, or, if that choice was an observer, undo further.
            if (undo.Count == 0) return new SearchOutcome(Verdict.Illegal, steps);
            var (call, previous, wasObserver) = undo.Pop();
            state = previous;
            linearized.Clear(_operationAt[call]);
            Unlift(call);
            tried = wasObserver ? int.MaxValue : _returnOf[call];
        }
        return new SearchOutcome(Verdict.Ok, steps);
    }

    /// <summary>A candidate the model accepts now without changing the state, if any.</summary>
    private (int Candidate, TState Next)? FindObserver(TState state)
    {
        for (var p = _next[_head]; p != None && _returnOf[p] != None; p = _next[p])
        {
            var operation = _operations[_operationAt[p]];
            var (ok, next) = _model.Step(state, operation.Input, operation.Output);
            if (ok && _model.StateEquals(state, next)) return (p, next);
        }
        return null;
    }

    /// <summary>
    /// The pending call with the earliest return after <paramref name="after"/>, among the calls before the
    /// first return still in the list (an operation returned by then must be linearized first). Trying the
    /// earliest deadline first finds a linearization without detours when many writes overlap a read.
    /// </summary>
    private int NextCandidate(int after)
    {
        var best = None;
        for (var p = _next[_head]; p != None && _returnOf[p] != None; p = _next[p])
        {
            var ret = _returnOf[p];
            if (ret > after && (best == None || ret < _returnOf[best])) best = p;
        }
        return best;
    }

    /// <summary>Removes a call and its return from the list; their own links stay, so Unlift can restore them.</summary>
    private void Lift(int call)
    {
        _next[_prev[call]] = _next[call];
        if (_next[call] != None) _prev[_next[call]] = _prev[call];
        var ret = _returnOf[call];
        _next[_prev[ret]] = _next[ret];
        if (_next[ret] != None) _prev[_next[ret]] = _prev[ret];
    }

    /// <summary>Puts back what Lift removed, in reverse order (dancing links).</summary>
    private void Unlift(int call)
    {
        var ret = _returnOf[call];
        _next[_prev[ret]] = ret;
        if (_next[ret] != None) _prev[_next[ret]] = ret;
        _next[_prev[call]] = call;
        if (_next[call] != None) _prev[_next[call]] = call;
    }

    private readonly record struct MemoKey(int Offset, ReadOnlyMemory<ulong> Window, TState State, ulong SetHash, int StateHash);

    private sealed class MemoComparer(ISequentialModel<TState, TInput, TOutput> model) : IEqualityComparer<MemoKey>
    {
        public bool Equals(MemoKey a, MemoKey b) =>
            a.SetHash == b.SetHash && a.StateHash == b.StateHash && a.Offset == b.Offset
            && a.Window.Span.SequenceEqual(b.Window.Span) && model.StateEquals(a.State, b.State);

        public int GetHashCode(MemoKey key) => HashCode.Combine(key.SetHash, key.StateHash);
    }
}

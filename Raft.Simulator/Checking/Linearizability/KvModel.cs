namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// The replicated key-value store's per-key semantics (Raft.Grains' KeyValueStateMachine without TTLs):
/// put writes and returns its version; get returns exactly the current value and version, or not found;
/// cas writes only when the key's version is the expected one (0: absent), else reports the current
/// version; delete removes a present key. A version is the log index of the entry that wrote, which the
/// client cannot know in advance, so the model accepts any version above every version the key has had,
/// and a read or mismatch is the first to pin the version of a write whose outcome was unknown.
/// </summary>
public sealed class KvModel : ISequentialModel<KvState, KvInput, KvOutput>
{
    public static KvModel Instance { get; } = new();

    public KvState Init() => KvState.Absent;

    public (bool Ok, KvState Next) Step(KvState state, KvInput input, KvOutput? output) => input switch
    {
        KvInput.Put put => StepPut(state, put, output),
        KvInput.Get => StepGet(state, output),
        KvInput.Cas cas => StepCas(state, cas, output),
        KvInput.Delete => StepDelete(state, output),
        _ => throw new ArgumentException($"unknown key-value operation {input}", nameof(input)),
    };

    public IReadOnlyList<SubHistory<KvInput, KvOutput>> Partition(IReadOnlyList<Operation<KvInput, KvOutput>> history) =>
        SubHistory<KvInput, KvOutput>.ByKey(history, input => input.Key);

    private static (bool, KvState) StepPut(KvState state, KvInput.Put put, KvOutput? output) => output switch
    {
        null => (true, new KvState(put.Value, KvState.UnknownVersion, state.Floor)),
        KvOutput.Written written when written.Version > state.Floor => (true, new KvState(put.Value, written.Version, written.Version)),
        _ => (false, state),
    };

    private static (bool, KvState) StepGet(KvState state, KvOutput? output) => output switch
    {
        null => (true, state),
        KvOutput.NotFound => (!state.Present, state),
        KvOutput.Value value when state.Present && string.Equals(value.Text, state.Value, StringComparison.Ordinal) =>
            state.Version == value.Version ? (true, state)
            : state.Version == KvState.UnknownVersion && value.Version > state.Floor ? (true, new KvState(state.Value, value.Version, value.Version))
            : (false, state),
        _ => (false, state),
    };

    private static (bool, KvState) StepCas(KvState state, KvInput.Cas cas, KvOutput? output)
    {
        var unknown = state.Present && state.Version == KvState.UnknownVersion;
        // Whether the key's version can be the expected one: exactly, or by pinning an unknown version.
        var canMatch = unknown ? cas.ExpectedVersion > state.Floor : (state.Present ? state.Version : 0) == cas.ExpectedVersion;
        switch (output)
        {
            case null:
                return canMatch
                    ? (true, new KvState(cas.Value, KvState.UnknownVersion, Math.Max(state.Floor, cas.ExpectedVersion)))
                    : (true, state);
            case KvOutput.Written written:
                return canMatch && written.Version > Math.Max(state.Floor, cas.ExpectedVersion)
                    ? (true, new KvState(cas.Value, written.Version, written.Version))
                    : (false, state);
            case KvOutput.VersionMismatch mismatch when mismatch.Current != cas.ExpectedVersion:
                if (!unknown) return ((state.Present ? state.Version : 0) == mismatch.Current, state);
                return mismatch.Current > state.Floor
                    ? (true, new KvState(state.Value, mismatch.Current, mismatch.Current))
                    : (false, state);
            default:
                return (false, state);
        }
    }

    private static (bool, KvState) StepDelete(KvState state, KvOutput? output) => output switch
    {
        null => (true, KvState.Absent with { Floor = state.Floor }),
        KvOutput.Deleted => (state.Present, KvState.Absent with { Floor = state.Floor }),
        KvOutput.NotFound => (!state.Present, state),
        _ => (false, state),
    };
}

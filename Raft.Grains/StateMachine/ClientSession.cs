namespace Raft.Grains.StateMachine;

/// <summary>
/// One client's session (dissertation §6.3): the encoded results of its most recent sequences, so a retry of
/// any of them is answered from here instead of being applied twice. Keeping a window of results rather than
/// only the last one lets a client have several commands in flight, whose entries may reach the log in any
/// order.
/// </summary>
internal sealed class ClientSession(long id, string? name, long lastActiveMs)
{
    // Sequence → encoded result, at most the window's size; the highest sequence is never the one evicted.
    private readonly SortedList<long, byte[]> _results = [];

    /// <summary>The log index of the RegisterSession entry that opened it.</summary>
    public long Id { get; } = id;

    /// <summary>The client's own id it was registered under, unique among live sessions; null when anonymous.</summary>
    public string? Name { get; } = name;

    /// <summary>The state machine's clock when the session last saw a command; never decreases.</summary>
    public long LastActiveMs { get; set; } = lastActiveMs;

    /// <summary>0 until the first command; then the highest sequence applied.</summary>
    public long HighestSequence => _results.Count == 0 ? 0 : _results.GetKeyAtIndex(_results.Count - 1);

    /// <summary>The recorded sequences and results, in ascending sequence order (the snapshot's order).</summary>
    public IEnumerable<KeyValuePair<long, byte[]>> Results => _results;

    public int ResultCount => _results.Count;

    public bool TryGetResult(long sequence, out byte[] result) => _results.TryGetValue(sequence, out result!);

    /// <summary>
    /// Whether an unrecorded <paramref name="sequence"/> is too old to apply: below the window, its result may
    /// have been evicted, so it cannot be told apart from a retry of a command already applied.
    /// </summary>
    public bool IsBelowWindow(long sequence, int window) => sequence <= HighestSequence - window;

    /// <summary>
    /// Records a sequence's result, then forgets the lowest sequences beyond <paramref name="window"/> entries.
    /// Every sequence above <c>HighestSequence - window</c> stays recorded, which is what makes applying an
    /// unrecorded one safe.
    /// </summary>
    public void Record(long sequence, byte[] result, int window)
    {
        _results.Add(sequence, result);
        while (_results.Count > window) _results.RemoveAt(0);
    }
}

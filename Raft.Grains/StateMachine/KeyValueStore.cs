namespace Raft.Grains.StateMachine;

/// <summary>
/// The key-value part of the state machine: values with versions and expiry. An index ordered by
/// (expiry, key) lets <see cref="RemoveExpired"/> drop exactly the expired keys in O(log n) each, so expired
/// keys never linger into snapshots, and the order of removal never depends on hashing.
/// </summary>
internal sealed class KeyValueStore
{
    private static readonly Comparer<(long ExpiresAtMs, string Key)> _expiryOrder = Comparer<(long ExpiresAtMs, string Key)>.Create(
        (a, b) => a.ExpiresAtMs != b.ExpiresAtMs ? a.ExpiresAtMs.CompareTo(b.ExpiresAtMs) : string.CompareOrdinal(a.Key, b.Key));

    private readonly Dictionary<string, StoredValue> _values = new(StringComparer.Ordinal);

    // Invariant: holds (expiry, key) for exactly the keys in _values that have an expiry.
    private readonly SortedSet<(long ExpiresAtMs, string Key)> _expiries = new(_expiryOrder);

    public int Count => _values.Count;

    /// <summary>The live value of a key; an expired one that was not removed yet counts as absent.</summary>
    public bool TryGet(string key, long nowMs, out StoredValue value) =>
        _values.TryGetValue(key, out value) && !value.IsExpiredAt(nowMs);

    public void Set(string key, StoredValue value)
    {
        if (_values.TryGetValue(key, out var old) && old.ExpiresAtMs is { } oldExpiry) _expiries.Remove((oldExpiry, key));
        _values[key] = value;
        if (value.ExpiresAtMs is { } expiry) _expiries.Add((expiry, key));
    }

    public bool Remove(string key)
    {
        if (!_values.Remove(key, out var old)) return false;
        if (old.ExpiresAtMs is { } expiry) _expiries.Remove((expiry, key));
        return true;
    }

    /// <summary>Removes every key whose expiry is at or before <paramref name="nowMs"/>.</summary>
    public void RemoveExpired(long nowMs)
    {
        while (_expiries.Count > 0 && _expiries.Min.ExpiresAtMs <= nowMs)
        {
            var (_, key) = _expiries.Min;
            _expiries.Remove(_expiries.Min);
            _values.Remove(key);
        }
    }

    public void WriteTo(SnapshotWriter writer) => WriteTo(writer, Freeze());

    /// <summary>A copy of every key and value as they are now; values are immutable, so copying the pairs is enough.</summary>
    public KeyValuePair<string, StoredValue>[] Freeze() => [.. _values];

    /// <summary>Keys in ordinal order, values, versions and expiries: the same bytes on every peer whatever the hash order. Sorts <paramref name="entries"/> in place.</summary>
    public static void WriteTo(SnapshotWriter writer, KeyValuePair<string, StoredValue>[] entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.WriteInt32(entries.Length);
        foreach (var (key, value) in entries)
        {
            writer.WriteString(key);
            writer.WriteString(value.Text);
            writer.WriteInt64(value.Version);
            writer.WriteOptionalInt64(value.ExpiresAtMs);
        }
    }

    public static KeyValueStore ReadFrom(ref FieldReader reader)
    {
        var store = new KeyValueStore();
        // A key, a value, a version and a presence byte take at least 17 bytes.
        var count = reader.ReadCount("key count", 17);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString("key");
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0) throw new MalformedDataException($"key {i} is out of order");
            var value = new StoredValue(reader.ReadString("value"), reader.ReadInt64("version"), reader.ReadOptionalInt64("expires at"));
            if (value.Version <= 0) throw new MalformedDataException($"key {i} has version {value.Version}");
            store.Set(key, value);
            previous = key;
        }
        return store;
    }
}

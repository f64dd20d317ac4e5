namespace Raft.Silo.Storage;

/// <summary>
/// The key of one peer's rows: its Raft group and peer id, stored as "group/peerId". The group may not
/// contain '/', so two different peers never share a key.
/// </summary>
public readonly record struct PeerKey
{
    /// <summary>Longest group name accepted; keys are repeated in every log row, so keep them short.</summary>
    public const int MaxGroupLength = 128;

    public PeerKey(string group, int peerId)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Length == 0 || group.Length > MaxGroupLength)
            throw new ArgumentException($"group must be 1 to {MaxGroupLength} characters, was {group.Length}", nameof(group));
        if (group.Any(c => c == '/' || char.IsControl(c)))
            throw new ArgumentException($"group must not contain '/' or control characters: \"{group}\"", nameof(group));
        // Peer id 0 means "no vote" in HardState.VotedFor, so real peers are positive (RaftConfig.Validate).
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peerId);
        Group = group;
        PeerId = peerId;
        Value = $"{group}/{peerId}";
    }

    public string Group { get; }

    public int PeerId { get; }

    /// <summary>The stored form, "group/peerId".</summary>
    public string Value { get; }

    public override string ToString() => Value;
}

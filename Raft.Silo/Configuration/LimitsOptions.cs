using Raft.Grains.StateMachine;

namespace Raft.Silo.Configuration;

/// <summary>
/// Size limits on client input ("Raft:Limits"), applied before anything is proposed and again by the state
/// machine. Every silo of a cluster must use the same values: the state machine's answers depend on them.
/// </summary>
public sealed class LimitsOptions
{
    private static readonly StateMachineLimits Defaults = new();

    public int MaxKeyBytes { get; set; } = Defaults.MaxKeyBytes;
    public int MaxValueBytes { get; set; } = Defaults.MaxValueBytes;
    public int MaxTopicBytes { get; set; } = Defaults.MaxTopicBytes;
    public int MaxMessageBytes { get; set; } = Defaults.MaxMessageBytes;

    public StateMachineLimits ToStateMachineLimits() => new()
    {
        MaxKeyBytes = MaxKeyBytes,
        MaxValueBytes = MaxValueBytes,
        MaxTopicBytes = MaxTopicBytes,
        MaxMessageBytes = MaxMessageBytes,
    };

    /// <summary>A problem with the values as one line, or null.</summary>
    public string? Validate() =>
        MaxKeyBytes <= 0 || MaxValueBytes < 0 || MaxTopicBytes <= 0 || MaxMessageBytes < 0
            ? "Raft:Limits: MaxKeyBytes and MaxTopicBytes must be positive, MaxValueBytes and MaxMessageBytes not negative"
            : null;
}

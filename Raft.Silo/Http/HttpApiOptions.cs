using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// Limits of the client HTTP API. Optional in DI: without a registration the API uses the state machine's
/// default limits (or a registered <see cref="StateMachineLimits"/>) and a body limit derived from them.
/// </summary>
public sealed record HttpApiOptions
{
    /// <summary>Room for the JSON around a largest value: field names, the key echo, escapes of ordinary text.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    /// <summary>
    /// The sizes every peer enforces; the API checks them before proposing so that a bad command costs no log
    /// entry. They must equal the state machine's own limits, or the API would refuse what the cluster accepts.
    /// </summary>
    public StateMachineLimits Limits { get; init; } = StateMachineLimits.Default;

    /// <summary>Largest request body read; null means <see cref="StateMachineLimits.MaxValueBytes"/> plus <see cref="EnvelopeBytes"/>.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>The body limit in force. Escapes count: a value near the limit written as \u escapes may be refused with 413.</summary>
    public long EffectiveMaxRequestBodyBytes => MaxRequestBodyBytes ?? Limits.MaxValueBytes + EnvelopeBytes;
}

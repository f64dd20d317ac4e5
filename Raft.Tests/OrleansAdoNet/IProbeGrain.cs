namespace Raft.Tests.OrleansAdoNet;

/// <summary>A grain whose state lives in the AdoNet grain storage and which can hold an AdoNet reminder.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>The persisted state as this activation holds it.</summary>
    Task<ProbeState> GetAsync();

    /// <summary>Sets the value and writes the state before returning.</summary>
    Task SetAsync(string value);

    /// <summary>Registers (or moves) a reminder; every tick adds one to the persisted tick count.</summary>
    Task RegisterReminderAsync(string name, TimeSpan period);

    /// <summary>Removes the reminder, if the grain has one of that name.</summary>
    Task UnregisterReminderAsync(string name);
}

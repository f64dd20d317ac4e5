namespace Raft.Tests.Clustering;

/// <summary>A grain that keeps a counter in persistent state and counts its reminder's ticks there too.</summary>
public interface IRememberingGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the counter and writes the state; returns the new count.</summary>
    Task<int> IncrementAsync();

    Task<RememberingState> GetStateAsync();

    Task StartReminderAsync(TimeSpan period);

    Task<bool> HasReminderAsync();
}

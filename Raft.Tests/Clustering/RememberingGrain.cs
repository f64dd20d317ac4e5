namespace Raft.Tests.Clustering;

/// <summary>Test grain over the SQLite providers: state in grain storage "raft", a reminder named "tick".</summary>
public sealed class RememberingGrain([PersistentState("remembering", RememberingGrain.StorageName)] IPersistentState<RememberingState> state)
    : Grain, IRememberingGrain, IRemindable
{
    public const string StorageName = "raft";
    private const string ReminderName = "tick";

    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<RememberingState> GetStateAsync() => Task.FromResult(state.State);

    public Task StartReminderAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task<bool> HasReminderAsync() => await this.GetReminder(ReminderName) is not null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}

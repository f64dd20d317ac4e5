namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// The test grain for the Orleans ADO.NET providers: its state is read at activation from, and written back
/// to, the grain storage named <see cref="AdoNetSilo.StoreName"/>; its reminders live in the reminder table.
/// Ticks are counted in the persisted state, so a tick seen after a silo restart proves both tables were read.
/// </summary>
public sealed class ProbeGrain(
    [PersistentState("probe", AdoNetSilo.StoreName)] IPersistentState<ProbeState> state) : Grain, IProbeGrain, IRemindable
{
    public Task<ProbeState> GetAsync() => Task.FromResult(state.State);

    public async Task SetAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public async Task RegisterReminderAsync(string name, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(name, period, period);

    public async Task UnregisterReminderAsync(string name)
    {
        if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}

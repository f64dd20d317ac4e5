using Raft.Core.Node;

namespace Raft.Tests.Nemesis;

/// <summary>The nemesis's rhythm: while the workload runs, one seeded fault every so often; the actions, for the failure message.</summary>
internal static class NemesisLoop
{
    public static async Task<List<string>> RunAsync(Task load, DeterministicRandom random, int minDelayMs, int maxDelayMs, Func<Task<string>> act, CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        while (!load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(random.Next(minDelayMs, maxDelayMs), cancellationToken)).ConfigureAwait(false);
            if (load.IsCompleted) break;
            actions.Add(await act().ConfigureAwait(false));
        }
        await load.ConfigureAwait(false);
        return actions;
    }
}

namespace Raft.Tests.Support;

/// <summary>Waits for a condition that another thread makes true (a counter), failing with a reason after a generous timeout.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Condition not met within {Timeout.TotalSeconds} s: {what}.");
            // A short yield between checks; the assertion is on the condition, never on the time taken.
            await Task.Delay(5, CancellationToken.None);
        }
    }
}

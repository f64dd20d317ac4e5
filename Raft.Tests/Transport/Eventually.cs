namespace Raft.Tests.Transport;

/// <summary>Waits for a condition that another thread makes true (a counter), failing with a reason after a generous timeout.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(RecordingSink.Timeout);
        while (!condition())
        {
            if (timeout.IsCancellationRequested) Assert.Fail($"Condition not met within {RecordingSink.Timeout.TotalSeconds} s: {what}.");
            // A short yield between checks; the assertion is on the condition, never on the time taken.
            await Task.Delay(5, CancellationToken.None);
        }
    }
}

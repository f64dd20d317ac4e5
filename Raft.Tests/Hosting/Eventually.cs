namespace Raft.Tests.Hosting;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time; a timeout fails with a description of the state.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"condition not met within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s; state:\n{await describe()}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), () => Task.FromResult(describe()), timeout);
}

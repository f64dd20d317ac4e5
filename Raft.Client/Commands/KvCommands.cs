using System.CommandLine;
using System.Globalization;

namespace Raft.Client.Commands;

/// <summary>put, get, delete and cas on the replicated key-value store.</summary>
internal static class KvCommands
{
    public static IEnumerable<Command> Create(ICommandHost host) => [Put(host), Get(host), Delete(host), CompareAndSwap(host)];

    private static Command Put(ICommandHost host)
    {
        var key = KeyArgument();
        var value = new Argument<string>("value") { Description = "The value (UTF-8 text)" };
        var ttl = TtlOption();
        var command = new Command("put", "Set a key; prints OK and the key's new version") { key, value, ttl };
        return command.WithBody(host, async c =>
        {
            var result = await c.Cluster.PutAsync(c.Parse.GetRequiredValue(key), c.Parse.GetRequiredValue(value), c.Parse.GetValue(ttl), c.Cancellation).ConfigureAwait(false);
            c.Output.Result(result, $"OK {result.Version}");
            return ExitCodes.Success;
        });
    }

    private static Command Get(ICommandHost host)
    {
        var key = KeyArgument();
        var stale = new Option<bool>("--stale") { Description = "Let the gateway's silo answer from its own peer's state (may be behind)" };
        var command = new Command("get", "Read a key; prints the value and its version") { key, stale };
        return command.WithBody(host, async c =>
        {
            var entry = await c.Cluster.GetAsync(c.Parse.GetRequiredValue(key), c.Parse.GetValue(stale), c.Cancellation).ConfigureAwait(false);
            var expiry = entry.ExpiresAt is { } at ? ", expires " + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";
            c.Output.Result(entry, $"{entry.Value} (version {entry.Version}{expiry})");
            return ExitCodes.Success;
        });
    }

    private static Command Delete(ICommandHost host)
    {
        var key = KeyArgument();
        var command = new Command("delete", "Remove a key") { key };
        return command.WithBody(host, async c =>
        {
            var result = await c.Cluster.DeleteAsync(c.Parse.GetRequiredValue(key), c.Cancellation).ConfigureAwait(false);
            c.Output.Result(result, result.Deleted ? "OK deleted" : "OK (no such key)");
            return ExitCodes.Success;
        });
    }

    private static Command CompareAndSwap(ICommandHost host)
    {
        var key = KeyArgument();
        var expected = new Argument<long>("expected-version") { Description = "The version the key must have now (0: must not exist)" };
        var value = new Argument<string>("value") { Description = "The new value" };
        var ttl = TtlOption();
        var command = new Command("cas", "Set a key only if its version is EXPECTED_VERSION; prints OK and the new version") { key, expected, value, ttl };
        return command.WithBody(host, async c =>
        {
            var result = await c.Cluster.CompareAndSwapAsync(
                c.Parse.GetRequiredValue(key), c.Parse.GetValue(expected), c.Parse.GetRequiredValue(value), c.Parse.GetValue(ttl), c.Cancellation).ConfigureAwait(false);
            c.Output.Result(result, $"OK {result.Version}");
            return ExitCodes.Success;
        });
    }

    private static Argument<string> KeyArgument() => new("key") { Description = "The key (UTF-8 text)" };

    private static Option<int?> TtlOption() =>
        new Option<int?>("--ttl") { Description = "Expire the key after this many seconds", HelpName = "SECONDS" }
            .Check(seconds => seconds is not < 1, "--ttl must be at least 1 second");
}

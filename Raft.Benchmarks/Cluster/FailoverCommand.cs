using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// "failover STATE_DIR [rounds]": against a cluster started by deploy/start-local-cluster.sh (its state
/// folder holds cluster.json and pids), one writer puts keys through the HTTP API of whichever silo answers;
/// each round SIGKILLs the leader's silo process and times the gap from the kill to the acknowledgement of
/// the first write invoked after it, then starts the killed member again exactly as it ran and waits for it to serve. Prints each gap
/// and min/median/max. With "follower" it kills a follower the writer does not talk to instead, and reports
/// the slowest write invoked in the 5 s after the kill: calls between the live silos must not stall on the
/// dead one. Uses only the HTTP API and process signals, so it measures any version of the silo.
/// </summary>
internal static class FailoverCommand
{
    public const string Name = "failover";

    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var killFollower = args.Length == 3 && args[2] == "follower";
        if (args.Length is < 1 or > 3 || (args.Length >= 2 && !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || (args.Length == 3 && !killFollower && args[2] != "leader"))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} STATE_DIR [rounds] [leader|follower]").ConfigureAwait(false);
            return 2;
        }
        var state = args[0];
        var rounds = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var urls = ReadClientUrls(Path.Combine(state, "cluster.json"));
        var pids = (await File.ReadAllLinesAsync(Path.Combine(state, "pids")).ConfigureAwait(false)).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        using var http = new HttpClient { Timeout = AttemptTimeout };
        var writer = new FailoverWriter(http, urls);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        await writer.WaitForWritesAsync(20).ConfigureAwait(false);

        var gaps = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var leader = Array.IndexOf(urls, await FindLeaderAsync(http, urls).ConfigureAwait(false));
            var member = killFollower ? Enumerable.Range(0, urls.Length).First(m => m != leader && m != writer.CurrentSilo) : leader;
            var commandLine = await File.ReadAllTextAsync($"/proc/{pids[member]}/cmdline").ConfigureAwait(false);
            var killedAt = Stopwatch.GetTimestamp();
            Process.GetProcessById(pids[member]).Kill();
            double gap;
            if (killFollower)
            {
                await Task.Delay(StallWindow).ConfigureAwait(false);
                gap = writer.SlowestWriteInvokedBetween(killedAt, Stopwatch.GetTimestamp()).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: killed member {member} (a follower); slowest write in the next {StallWindow.TotalSeconds:F0} s took {gap:F0} ms"));
            }
            else
            {
                var next = await writer.NextWriteAfterAsync(killedAt).ConfigureAwait(false);
                gap = Stopwatch.GetElapsedTime(killedAt, next).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: killed member {member} (leader); next acknowledged write after {gap:F0} ms"));
            }
            gaps.Add(gap);
            pids[member] = Restart(commandLine, Path.Combine(state, $"member-{member}.log"));
            await File.WriteAllLinesAsync(Path.Combine(state, "pids"), pids.Select(p => p.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            await WaitForServingAsync(http, urls[member]).ConfigureAwait(false);
            await writer.WaitForWritesAsync(20).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        gaps.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(killFollower ? "slowest write after a follower's kill" : "failover")} over {rounds} rounds: min {gaps[0]:F0} ms, median {gaps[gaps.Count / 2]:F0} ms, max {gaps[^1]:F0} ms; {writer.Acknowledged} writes acknowledged"));
        return 0;
    }

    internal static string[] ReadClientUrls(string clusterFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(clusterFile));
        return json.RootElement.GetProperty("addresses").EnumerateArray()
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"http://{a.GetProperty("ip").GetString()}:{a.GetProperty("port").GetInt32()}"))
            .ToArray();
    }

    internal static async Task<string> FindLeaderAsync(HttpClient http, string[] urls)
    {
        while (true)
        {
            foreach (var url in urls)
            {
                try
                {
                    using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/cluster/status")).ConfigureAwait(false));
                    if (status.RootElement.GetProperty("leaderAddress").GetString() is { } leader) return leader.TrimEnd('/');
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
                {
                    // Not up, or no leader yet: ask the next.
                }
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    internal static int Restart(string commandLine, string log)
    {
        var parts = commandLine.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var quoted = string.Join(' ', parts.Select(p => "'" + p.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var info = new ProcessStartInfo("bash", ["-c", $"setsid {quoted} >> '{log}' 2>&1 < /dev/null & echo $!"]) { RedirectStandardOutput = true };
        using var shell = Process.Start(info)!;
        var pid = int.Parse(shell.StandardOutput.ReadToEnd().Trim(), CultureInfo.InvariantCulture);
        shell.WaitForExit();
        return pid;
    }

    internal static async Task WaitForServingAsync(HttpClient http, string url)
    {
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url + "/cluster/status")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("leader").ValueKind == JsonValueKind.Number) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // Still starting.
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}

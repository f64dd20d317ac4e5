using System.Net.Http.Json;
using System.Text.Json;
using Raft.Core.Node;
using Raft.Simulator.Checking.Linearizability;
using Raft.Tests.Integration;

namespace Raft.Tests.Nemesis;

/// <summary>
/// The nemesis test again on separate silo processes started by deploy/start-local-cluster.sh, over HTTP:
/// while clients run put, get and compare-and-swap on every silo, the nemesis SIGKILLs silo processes and
/// starts them again from their data folders. Nothing acknowledged may be lost, the history must be
/// linearizable per key, and no message may be applied twice.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ProcessNemesisTests
{
    [Theory]
    [InlineData(424242UL)]
    public async Task SigkillNemesis_OnSiloProcesses_HistoryStaysLinearizable(ulong seed)
    {
        var token = TestContext.Current.CancellationToken;
        await using var processes = await LocalClusterProcesses.StartAsync(3);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var doors = processes.ClientUrls.Select(url => new HttpKvClient(http, url)).ToArray();
        await WaitUntilAsync(async () => await TryCreateTopicAsync(http, processes.ClientUrls[0], token), "a leader that accepts writes", token);

        var workload = new KvWorkload(clients: 4, keys: 3, seed);
        var random = new DeterministicRandom(seed);
        var load = workload.RunAsync(client => doors[(client + random.Next(doors.Length)) % doors.Length], TimeSpan.FromSeconds(12), token);
        var actions = await NemesisLoop.RunAsync(load, random, 1000, 2500, async () =>
        {
            var down = Enumerable.Range(0, doors.Length).Where(m => !processes.IsRunning(m)).ToArray();
            if (down.Length > 0)
            {
                await processes.RestartAsync(down[0]);
                return $"restart member {down[0]}";
            }
            var victim = random.Next(doors.Length);
            processes.Kill(victim);
            return $"SIGKILL member {victim}";
        }, token);

        foreach (var member in Enumerable.Range(0, doors.Length).Where(m => !processes.IsRunning(m)).ToArray())
            await processes.RestartAsync(member);
        foreach (var door in doors)
            await WaitUntilAsync(async () => await door.GetAsync("k0", token) is not (null or NotApplied), "a linearizable read at every silo after restarting them", token);
        await workload.ReadAllAsync(doors[1], token);
        var drained = await DrainAsync(http, processes.ClientUrls[2], token);

        var verdict = workload.Verify(drained);
        Assert.True(verdict is null, $"seed {seed}: {verdict}\nnemesis: {string.Join("; ", actions)}");
        Assert.True(workload.Acknowledged > 20, $"seed {seed}: only {workload.Acknowledged} writes acknowledged; nemesis: {string.Join("; ", actions)}");
        Assert.Contains(actions, a => a.StartsWith("SIGKILL", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: {workload.History.Count} operations, {workload.Acknowledged} acknowledged writes, {workload.Unknown} unknown, {drained.Count} messages; nemesis: {string.Join("; ", actions)}");
    }

    private static async Task<bool> TryCreateTopicAsync(HttpClient http, string url, CancellationToken token)
    {
        try
        {
            using var response = await http.PutAsJsonAsync(url + "/topic", new { topic = KvWorkload.Topic }, token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<List<string>> DrainAsync(HttpClient http, string url, CancellationToken token)
    {
        var drained = new List<string>();
        while (true)
        {
            using var body = JsonDocument.Parse(await http.GetStringAsync(url + "/message/" + KvWorkload.Topic, token));
            if (!body.RootElement.GetProperty("success").GetBoolean()) return drained;
            drained.Add(body.RootElement.GetProperty("message").GetString()!);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within 60 s");
            await Task.Delay(100, token);
        }
    }
}

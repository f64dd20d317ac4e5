using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// "handoff STATE_DIR [rounds] [transfer|stop]": the gap in write availability when leadership moves on
/// purpose, against a cluster started by deploy/start-local-cluster.sh. One writer puts keys through the
/// HTTP API (as in <see cref="FailoverCommand"/>). "transfer" (default) asks for a leadership transfer to
/// another voter with <c>POST /cluster/leader</c>; "stop" sends SIGTERM to the leader's silo process, whose
/// graceful stop hands leadership over first, and starts the member again afterwards. Each round prints the
/// longest pause between acknowledged writes from the request to a second after it ended.
/// </summary>
internal static class HandoffCommand
{
    public const string Name = "handoff";

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var stopMode = args.Length == 3 && args[2] == "stop";
        if (args.Length is < 1 or > 3 || (args.Length >= 2 && !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || (args.Length == 3 && !stopMode && args[2] != "transfer"))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} STATE_DIR [rounds] [transfer|stop]").ConfigureAwait(false);
            return 2;
        }
        var state = args[0];
        var rounds = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var cluster = LocalCluster.OfSilos(state);
        var urls = cluster.Urls;
        var api = RaftHttpApi.Instance;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var writer = new FailoverWriter(http, api, urls);
        using var stopWriting = new CancellationTokenSource();
        var writing = writer.RunAsync(stopWriting.Token);
        await writer.WaitForWritesAsync(20).ConfigureAwait(false);

        var pauses = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var member = await api.FindLeaderAsync(http, urls).ConfigureAwait(false);
            var target = stopMode ? 0 : await OtherVoterAsync(http, urls[(member + 1) % urls.Length], member + 1).ConfigureAwait(false);
            var launch = stopMode ? cluster.LaunchOf(member) : null;
            var started = Stopwatch.GetTimestamp();
            string what;
            if (stopMode)
            {
                await cluster.StopAsync(member).ConfigureAwait(false);
                what = $"SIGTERM to member {member} (leader)";
            }
            else
            {
                using var response = await http.PostAsJsonAsync(new Uri(urls[(member + 1) % urls.Length] + "/cluster/leader"), new { to = target }).ConfigureAwait(false);
                what = $"transfer from peer {member + 1} to peer {target}: {(int)response.StatusCode}";
            }
            var ended = Stopwatch.GetTimestamp();
            await Task.Delay(Settle).ConfigureAwait(false);
            var pause = writer.LongestPauseBetween(started, Stopwatch.GetTimestamp()).TotalMilliseconds;
            pauses.Add(pause);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round + 1}: {what} took {Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds:F0} ms; longest pause between acknowledged writes {pause:F0} ms"));
            if (launch is not null)
            {
                await cluster.StartAgainAsync(member, launch).ConfigureAwait(false);
                await api.WaitForServingAsync(http, urls[member]).ConfigureAwait(false);
            }
            await writer.WaitForWritesAsync(20).ConfigureAwait(false);
        }
        await stopWriting.CancelAsync().ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(stopMode ? "graceful stop of the leader's silo" : "leadership transfer")} over {rounds} rounds: longest pause min {pauses.Min():F0} ms, median {Median.Of(pauses):F0} ms, max {pauses.Max():F0} ms; {writer.Acknowledged} writes acknowledged"));
        return 0;
    }

    /// <summary>A voter other than <paramref name="leader"/>, by <c>GET /cluster/members</c>.</summary>
    private static async Task<int> OtherVoterAsync(HttpClient http, string url, int leader)
    {
        var members = await http.GetFromJsonAsync<JsonElement>(new Uri(url + "/cluster/members")).ConfigureAwait(false);
        return members.GetProperty("voters").EnumerateArray().Select(v => v.GetInt32()).First(v => v != leader);
    }
}

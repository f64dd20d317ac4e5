using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// A cluster of processes on this machine, one per member, described by the state folder of the script that
/// started it: the members' client URLs, <c>pids</c> (one PID per line, in member order; what the script's
/// stop reads), <c>member-I.pid</c> and <c>member-I.log</c>. Ours is deploy/start-local-cluster.sh's folder
/// (URLs from <c>cluster.json</c>); etcd's and dotNext's are deploy/bench-vs-etcd.sh's (URLs from
/// <c>endpoints</c>, one per line). A member is killed and started again exactly as it ran: same command
/// line, same working directory.
/// </summary>
internal sealed class LocalCluster
{
    private readonly string _state;
    private readonly int[] _pids;

    private LocalCluster(string state, string[] urls)
    {
        _state = state;
        Urls = urls;
        _pids = [.. File.ReadAllLines(Path.Combine(state, "pids")).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
        if (_pids.Length != urls.Length) throw new InvalidOperationException($"{state}: {urls.Length} members but {_pids.Length} PIDs");
    }

    public string[] Urls { get; }

    public IReadOnlyList<int> Pids => _pids;

    /// <summary>The silos started by deploy/start-local-cluster.sh with this state folder.</summary>
    public static LocalCluster OfSilos(string state) => new(state, ReadClientUrls(Path.Combine(state, "cluster.json")));

    /// <summary>The etcd members or the dotNext nodes started by deploy/bench-vs-etcd.sh with this state folder.</summary>
    public static LocalCluster OfEndpoints(string state) =>
        new(state, [.. File.ReadAllLines(Path.Combine(state, "endpoints")).Where(l => l.Length > 0).Select(l => l.TrimEnd('/'))]);

    internal static string[] ReadClientUrls(string clusterFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(clusterFile));
        return json.RootElement.GetProperty("addresses").EnumerateArray()
            .Select(a => string.Create(CultureInfo.InvariantCulture, $"http://{a.GetProperty("ip").GetString()}:{a.GetProperty("port").GetInt32()}"))
            .ToArray();
    }

    /// <summary>How <paramref name="member"/> runs, read while it runs, for <see cref="StartAgainAsync"/>.</summary>
    public MemberLaunch LaunchOf(int member)
    {
        var pid = _pids[member];
        return new MemberLaunch(
            File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries),
            new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Environment.CurrentDirectory);
    }

    /// <summary>SIGKILL.</summary>
    public void Kill(int member)
    {
        using var process = Process.GetProcessById(_pids[member]);
        process.Kill();
    }

    /// <summary>SIGTERM, and wait until the process has exited.</summary>
    public async Task StopAsync(int member)
    {
        using var process = Process.GetProcessById(_pids[member]);
        using (var kill = Process.Start("kill", ["-TERM", _pids[member].ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts <paramref name="member"/> again as <paramref name="launch"/> says, in its own session (setsid,
    /// as the scripts do: it outlives this process), appending to its log, and records its new PID where
    /// the scripts' stop finds it.
    /// </summary>
    public async Task StartAgainAsync(int member, MemberLaunch launch)
    {
        var quoted = string.Join(' ', launch.Arguments.Select(p => "'" + p.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var log = Path.GetFullPath(Path.Combine(_state, $"member-{member}.log"));
        var info = new ProcessStartInfo("bash", ["-c", $"setsid {quoted} >> '{log}' 2>&1 < /dev/null & echo $!"])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = launch.WorkingDirectory,
        };
        using var shell = Process.Start(info)!;
        _pids[member] = int.Parse((await shell.StandardOutput.ReadToEndAsync().ConfigureAwait(false)).Trim(), CultureInfo.InvariantCulture);
        await shell.WaitForExitAsync().ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(_state, "pids"), _pids.Select(p => p.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(_state, $"member-{member}.pid"), _pids[member].ToString(CultureInfo.InvariantCulture) + "\n").ConfigureAwait(false);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Raft.Tests.Nemesis;

/// <summary>
/// Silo processes started by deploy/start-local-cluster.sh, in a state folder of their own: their client
/// URLs and PIDs, SIGKILL of one, and a restart with the same command line the script used.
/// </summary>
internal sealed class LocalClusterProcesses : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _state;
    private readonly int[] _pids;

    private LocalClusterProcesses(string root, string state, IReadOnlyList<string> urls, int[] pids)
    {
        _root = root;
        _state = state;
        ClientUrls = urls;
        _pids = pids;
    }

    public IReadOnlyList<string> ClientUrls { get; }

    public bool IsRunning(int member) => _pids[member] > 0;

    public static async Task<LocalClusterProcesses> StartAsync(int count)
    {
        var root = RepositoryRoot();
        var state = Path.Combine(Path.GetTempPath(), "raft-processes-" + Guid.NewGuid().ToString("N")[..10]);
        var (exit, output) = await RunAsync(root, state, "deploy/start-local-cluster.sh", count.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        Assert.True(exit == 0, $"start-local-cluster.sh failed ({exit}): {output}");
        using var cluster = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "cluster.json")).ConfigureAwait(false));
        var urls = cluster.RootElement.GetProperty("addresses").EnumerateArray()
            .Select(a => $"http://{a.GetProperty("ip").GetString()}:{a.GetProperty("port").GetInt32()}").ToArray();
        var pids = (await File.ReadAllLinesAsync(Path.Combine(state, "pids")).ConfigureAwait(false))
            .Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        return new LocalClusterProcesses(root, state, urls, pids);
    }

    /// <summary>SIGKILL: no flush, no goodbye; only what the silo synced survives.</summary>
    public void Kill(int member)
    {
        using var process = Process.GetProcessById(_pids[member]);
        process.Kill();
        process.WaitForExit(10_000);
        _pids[member] = 0;
    }

    /// <summary>Starts the member again exactly as the script did, on the same ports and data folder.</summary>
    public async Task RestartAsync(int member)
    {
        var index = member.ToString(CultureInfo.InvariantCulture);
        var command = $"setsid dotnet Raft.Silo/bin/Release/net10.0/Raft.Silo.dll --cluster-file '{_state}/cluster.json' --member {index} --data-dir '{_state}/member-{index}' >> '{_state}/member-{index}.log' 2>&1 < /dev/null & echo $!";
        var (exit, output) = await RunAsync(_root, _state, "/bin/bash", "-c", command).ConfigureAwait(false);
        Assert.True(exit == 0, output);
        _pids[member] = int.Parse(output.Trim(), CultureInfo.InvariantCulture);
        await File.WriteAllLinesAsync(Path.Combine(_state, "pids"), _pids.Where(p => p > 0).Select(p => p.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(_root, _state, "deploy/stop-local-cluster.sh", "10").ConfigureAwait(false);
        try
        {
            Directory.Delete(_state, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a log still open by a dying process.
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string root, string state, string file, params string[] args)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(root, file);
        var info = new ProcessStartInfo(path) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["RAFT_CLUSTER_STATE"] = state;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RaftOrleans.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("RaftOrleans.sln not found above " + AppContext.BaseDirectory);
    }
}

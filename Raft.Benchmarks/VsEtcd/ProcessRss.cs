using System.Globalization;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>A process's resident set, as the kernel reports it in /proc/PID/status (VmRSS, in KiB).</summary>
internal static class ProcessRss
{
    /// <summary>The process's VmRSS in KiB, or null when it is gone.</summary>
    public static long? ReadKiB(int pid)
    {
        try
        {
            return ParseKiB(File.ReadAllText($"/proc/{pid}/status"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The VmRSS line's value ("VmRSS:	  123456 kB"), or null without one (a zombie has none).</summary>
    internal static long? ParseKiB(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var fields = line["VmRSS:".Length..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields is [var number, "kB"] && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kib)) return kib;
        }
        return null;
    }
}

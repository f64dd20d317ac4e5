using System.Globalization;
using System.Net;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// "--member I --raft-ports P0,P1,P2 --http-ports H0,H1,H2 --data-dir DIR": which member this process is, every
/// member's Raft (TCP) and HTTP port on 127.0.0.1 in member order, and where its write-ahead log and
/// snapshots live. Every member gets the same lists, so each knows the others' HTTP URLs and a follower can
/// forward a put to whichever of them leads.
/// </summary>
internal sealed record NodeOptions(int Member, IReadOnlyList<IPEndPoint> RaftEndPoints, IReadOnlyList<string> HttpUrls, string DataDirectory)
{
    public const string Usage = "usage: Raft.Benchmarks.DotNext --member I --raft-ports P0,P1,... --http-ports H0,H1,... --data-dir DIR";

    public IPEndPoint RaftEndPoint => RaftEndPoints[Member];

    public string HttpUrl => HttpUrls[Member];

    public int HttpPort => new Uri(HttpUrl).Port;

    /// <summary>The HTTP URL of the member whose Raft endpoint is <paramref name="raftEndPoint"/>, or null for none of ours.</summary>
    public string? HttpUrlOf(EndPoint? raftEndPoint)
    {
        for (var i = 0; i < RaftEndPoints.Count; i++)
        {
            if (RaftEndPoints[i].Equals(raftEndPoint)) return HttpUrls[i];
        }
        return null;
    }

    /// <summary>The options, or null and what is wrong with <paramref name="args"/>.</summary>
    public static (NodeOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        int? member = null;
        int[]? raftPorts = null, httpPorts = null;
        string? dataDirectory = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count) return (null, $"{args[i]} needs a value");
            var value = args[i + 1];
            switch (args[i])
            {
                case "--member" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m): member = m; break;
                case "--raft-ports": raftPorts = Ports(value); break;
                case "--http-ports": httpPorts = Ports(value); break;
                case "--data-dir": dataDirectory = value; break;
                default: return (null, $"bad option {args[i]} {value}");
            }
        }
        if (member is null || raftPorts is null || httpPorts is null || dataDirectory is null) return (null, "--member, --raft-ports, --http-ports and --data-dir are required");
        if (raftPorts.Length != httpPorts.Length || raftPorts.Any(p => p == 0) || httpPorts.Any(p => p == 0)) return (null, "--raft-ports and --http-ports take as many ports, each 1-65535");
        if (member >= raftPorts.Length) return (null, $"--member {member} but only {raftPorts.Length} members");
        return (new NodeOptions(
            member.Value,
            [.. raftPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))],
            [.. httpPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}"))],
            Path.GetFullPath(dataDirectory)), null);
    }

    /// <summary>The comma-separated ports, with 0 for any that is not one.</summary>
    private static int[] Ports(string list) =>
        [.. list.Split(',').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 ? port : 0)];
}

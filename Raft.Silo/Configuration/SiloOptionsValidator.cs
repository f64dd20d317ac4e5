using Raft.Core.Node;

namespace Raft.Silo.Configuration;

/// <summary>Checks options after binding; returns the first problem as one line naming the option, or null.</summary>
public static class SiloOptionsValidator
{
    public static string? Validate(SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Name)) return "Raft:Name is empty";
        if (!IsHttpUrl(options.ClientUrl)) return $"Raft:ClientUrl '{options.ClientUrl}' is not an http:// or https:// URL";
        if (!IsHostPort(options.SiloAddress)) return $"Raft:SiloAddress '{options.SiloAddress}' is not host:port";
        if (!IsHostPort(options.GatewayAddress)) return $"Raft:GatewayAddress '{options.GatewayAddress}' is not host:port";
        if (string.IsNullOrWhiteSpace(options.ClusterId)) return "Raft:ClusterId is empty";
        if (!LogFormats.All.Contains(options.Logging)) return $"Raft:Logging '{options.Logging}' is not one of {string.Join(", ", LogFormats.All)}";

        var names = new HashSet<string>(StringComparer.Ordinal);
        var peerOwners = new Dictionary<int, string>();
        foreach (var member in options.Members)
        {
            if (string.IsNullOrWhiteSpace(member.Name)) return "a member has no Name";
            if (!names.Add(member.Name)) return $"member name '{member.Name}' appears twice";
            if (!IsHttpUrl(member.ClientUrl)) return $"member {member.Name}: ClientUrl '{member.ClientUrl}' is not an http:// or https:// URL";
            if (!IsHostPort(member.SiloAddress)) return $"member {member.Name}: SiloAddress '{member.SiloAddress}' is not host:port";
            if (member.GatewayAddress.Length > 0 && !IsHostPort(member.GatewayAddress)) return $"member {member.Name}: GatewayAddress '{member.GatewayAddress}' is not host:port";
            foreach (var peer in member.PeerIds)
            {
                if (peer <= 0) return $"member {member.Name}: peer id {peer} is not positive";
                if (!peerOwners.TryAdd(peer, member.Name)) return $"peer {peer} is hosted by both {peerOwners[peer]} and {member.Name}";
            }
        }
        if (!names.Contains(options.Name)) return $"Raft:Name '{options.Name}' is not one of the members ({string.Join(", ", names)})";
        // A member may host no peer (it serves clients and forwards to the leader), but the group needs one.
        if (peerOwners.Count == 0) return "no member hosts a Raft peer";

        if (options.InitialVoters is { } voters && (voters < 1 || voters > options.Members.Count))
            return $"Raft:InitialVoters is {voters}, outside 1..{options.Members.Count} (the number of members)";
        if (options.InitialVoters is not null && options.InitialVoterPeerIds().Count == 0)
            return $"Raft:InitialVoters: the first {options.InitialVoters} members host no Raft peer, so the group would have no voter";

        var timing = options.Timing;
        if (timing.TickIntervalMs <= 0) return $"Raft:Timing:TickIntervalMs must be positive, was {timing.TickIntervalMs}";
        if (timing.ProposeTimeoutMs <= 0) return $"Raft:Timing:ProposeTimeoutMs must be positive, was {timing.ProposeTimeoutMs}";
        if (timing.StopHandoffTimeoutMs < 0) return $"Raft:Timing:StopHandoffTimeoutMs must not be negative, was {timing.StopHandoffTimeoutMs}";
        if (timing.WakeReminderPeriodMs < 1000) return $"Raft:Timing:WakeReminderPeriodMs must be at least 1000, was {timing.WakeReminderPeriodMs}";
        var raftProblem = new RaftConfig
        {
            Id = options.GroupPeerIds()[0],
            Peers = options.GroupPeerIds(),
            ElectionTicks = timing.ElectionTicks,
            HeartbeatTicks = timing.HeartbeatTicks,
        }.Validate();
        if (raftProblem is not null) return $"Raft:Timing: {raftProblem}";
        if (options.Snapshots.ToPolicy().Validate() is { } snapshotProblem) return $"Raft:Snapshots:{snapshotProblem}";

        if (options.Limits.Validate() is { } limitsProblem) return limitsProblem;
        if (options.Dashboard.Validate() is { } dashboardProblem) return dashboardProblem;

        var storage = options.Storage;
        if (!StorageOptions.Providers.Contains(storage.Provider))
        {
            return $"Raft:Storage:Provider '{storage.Provider}' is not one of {string.Join(", ", StorageOptions.Providers)}";
        }
        if (storage.Provider == StorageOptions.Sqlite && string.IsNullOrWhiteSpace(storage.DataDirectory)) return "Raft:Storage:DataDirectory is required for sqlite";
        if (storage.Provider == StorageOptions.PostgreSql && string.IsNullOrWhiteSpace(storage.ConnectionString)) return "Raft:Storage:ConnectionString is required for postgresql";
        return options.Clustering.Validate();
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>"host:port" or "[v6]:port" with a port in 1..65535.</summary>
    private static bool IsHostPort(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        return int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
    }
}

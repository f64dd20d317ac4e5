using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Raft.Silo.Configuration;

/// <summary>
/// Turns configuration into checked <see cref="SiloOptions"/>: binds the "Raft" section, expands a cluster
/// file into members, fills the defaults that depend on other options, validates. Any problem is one
/// <see cref="SiloOptionsException"/> whose message is one line.
/// </summary>
public static class SiloOptionsLoader
{
    /// <summary>The peer group a silo hosts when no members are configured: the seeds' five-peer cluster.</summary>
    public static IReadOnlyList<int> DefaultPeerIds { get; } = [1, 2, 3, 4, 5];

    public static SiloOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        SiloOptions options;
        try
        {
            options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        }
        catch (InvalidOperationException e)
        {
            // The binder says which key and value did not convert; keep only its first line.
            throw new SiloOptionsException($"bad option: {FirstLine(e.InnerException?.Message ?? e.Message)}", e);
        }

        if (options.ClusterFile is not null) ApplyClusterFile(options);
        else if (options.Member is not null) throw new SiloOptionsException("--member needs --cluster-file");

        if (options.Members.Count == 0)
        {
            options.LinePort ??= DefaultLinePort;
            options.Members.Add(new SiloMemberOptions
            {
                Name = options.Name,
                ClientUrl = options.ClientUrl,
                SiloAddress = options.SiloAddress,
                GatewayAddress = options.GatewayAddress,
                PeerIds = [.. DefaultPeerIds],
            });
        }
        options.Storage.DataDirectory ??= Path.Combine("data", options.Name);
        ClusteringOptions.ApplyDefaults(options);

        var problem = SiloOptionsValidator.Validate(options);
        if (problem is not null) throw new SiloOptionsException(problem);
        return options;
    }

    /// <summary>Member I of the file becomes this silo: one peer (id I+1), HTTP on its port, silo-to-silo on its internal port.</summary>
    private static void ApplyClusterFile(SiloOptions options)
    {
        var path = options.ClusterFile!;
        if (options.Member is not { } member) throw new SiloOptionsException($"--cluster-file {path} needs --member I (0-based index of this silo's address)");
        var cluster = ClusterFileReader.Read(path);
        if (member < 0 || member >= cluster.Addresses.Count)
        {
            throw new SiloOptionsException($"member {member} is out of range: cluster file '{path}' lists {cluster.Addresses.Count} addresses (members 0..{cluster.Addresses.Count - 1})");
        }

        options.Members = cluster.Addresses.Select((address, index) => new SiloMemberOptions
        {
            Name = MemberName(index),
            ClientUrl = $"http://{address.Host}:{address.Port}",
            SiloAddress = $"{address.Host}:{address.InternalPort}",
            GatewayAddress = $"{address.Host}:{address.GatewayPort}",
            PeerIds = [index + 1],
        }).ToList();
        // An explicit Raft:InitialVoters wins over the file's, so one file can serve several experiments.
        options.InitialVoters ??= cluster.InitialVoters;
        var self = cluster.Addresses[member];
        options.Name = MemberName(member);
        options.ClientUrl = options.Members[member].ClientUrl;
        options.SiloAddress = options.Members[member].SiloAddress;
        options.GatewayAddress = options.Members[member].GatewayAddress;
        // Silos started from one cluster file share its membership table, next to the file, by default.
        options.Clustering.DatabaseFile ??= Path.ChangeExtension(path, ".membership.db");
        options.Storage.DataDirectory ??= Path.Combine("data", $"member-{self.Port}-{self.InternalPort}");
    }

    /// <summary>Seed 004's leader listened on 9000.</summary>
    public const int DefaultLinePort = 9000;

    private static string MemberName(int index) => "member-" + index.ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

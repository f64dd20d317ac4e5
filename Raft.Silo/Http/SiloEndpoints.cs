using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;

namespace Raft.Silo.Http;

/// <summary>
/// Every HTTP endpoint of a silo (minimal APIs): the description at <c>/</c>, this silo's own <c>/status</c>,
/// and the client API (<see cref="ClientApi"/>: <c>/kv</c>, <c>/topic</c>, <c>/message</c>, <c>/cluster/status</c>).
/// </summary>
public static class SiloEndpoints
{
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (SiloOptions options, IPeerStorageFactory storage) => Results.Text(Describe(options, storage.ProviderName)));
        app.MapGet("/status", async (SiloOptions options, IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            // A silo that hosts no peer only serves clients: it has no role of its own to report.
            if (options.FindSelf().PeerIds.Count == 0) return ProblemResults.NotFound("this silo hosts no Raft peer; see /cluster/status");
            var status = await grains.GetGrain<IRaftPeerGrain>(options.FindSelf().PeerIds[0]).GetStatusAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(new StatusResponse(RoleName(status.Role), status.Term));
        });
        ClientApi.Map(app);
    }

    /// <summary>PreCandidate is our PreVote phase, invisible to the seeds' clients: they see a candidate.</summary>
    public static string RoleName(RaftRole role) => role switch
    {
        RaftRole.Leader => "Leader",
        RaftRole.Candidate or RaftRole.PreCandidate => "Candidate",
        _ => "Follower",
    };

    public static string Describe(SiloOptions options, string storageProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder()
            .Append("Raft.Silo ").AppendLine(options.Name)
            .Append("client HTTP: ").AppendLine(options.ClientUrl)
            .Append("silo-to-silo: ").AppendLine(options.SiloAddress)
            .Append("gateway: ").AppendLine(options.GatewayAddress)
            .Append("peers hosted here: ").AppendLine(string.Join(", ", options.FindSelf().PeerIds))
            .Append("storage: ").AppendLine(storageProvider)
            .AppendLine("members:");
        foreach (var member in options.Members) text.Append("  ").AppendLine(member.ToString());
        return text.ToString();
    }
}

using System.Reflection;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// The node's HTTP/1.1 API: <c>PUT /kv/{key}</c> (the body is the value) answers 204 once the put is
/// committed and applied here, a follower forwarding it to the leader; <c>GET /kv/{key}</c> is linearizable
/// (dotNext's strong read barrier: the leader confirms it still leads with a round of heartbeats, then the
/// read waits until its commit index is applied) and answers the value or 404; <c>GET /leader</c> answers
/// the leader's HTTP URL, or 503 while this member knows of none; <c>GET /version</c> answers the version of
/// DotNext.Net.Cluster it runs, for the comparison's table. 503 is also the answer to a put or get that lost
/// its leader on the way.
/// </summary>
internal sealed class KvApi(RaftCluster cluster, KvStateMachine store, LeaderForwarder forwarder, NodeOptions options)
{
    public static readonly IResult NoLeader = Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

    /// <summary>"6.12.0", without the "+commit" the package's informational version ends with.</summary>
    private static readonly string LibraryVersion =
        typeof(RaftCluster).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private bool IsLeader => !cluster.LeadershipToken.IsCancellationRequested;

    public static Uri KeyUri(string url, string key) => new(url + "/kv/" + Uri.EscapeDataString(key));

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPut("/kv/{key}", (string key, HttpRequest request, CancellationToken token) => PutAsync(key, request, token));
        routes.MapGet("/kv/{key}", (string key, CancellationToken token) => GetAsync(key, token));
        routes.MapGet("/leader", () => LeaderUrl() is { } url ? Results.Text(url) : NoLeader);
        routes.MapGet("/version", () => Results.Text(LibraryVersion));
    }

    private string? LeaderUrl() => IsLeader ? options.HttpUrl : options.HttpUrlOf(cluster.Leader?.EndPoint);

    private async Task<IResult> PutAsync(string key, HttpRequest request, CancellationToken token)
    {
        byte[] value;
        using (var body = new MemoryStream())
        {
            await request.Body.CopyToAsync(body, token).ConfigureAwait(false);
            value = body.ToArray();
        }
        if (!IsLeader)
        {
            return LeaderUrl() is { } leader && !request.Headers.ContainsKey(LeaderForwarder.ForwardedHeader)
                ? await forwarder.PutAsync(leader, key, value, token).ConfigureAwait(false)
                : NoLeader;
        }
        try
        {
            // Appends, replicates, and returns once the entry is committed and applied to this member's dictionary.
            await cluster.ReplicateAsync(KvRecord.Encode(key, value), context: null, token).ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (LeaderOperationException)
        {
            // Not the leader any more (the entry may still commit under the next one), or no quorum in sight.
            return NoLeader;
        }
    }

    private async Task<IResult> GetAsync(string key, CancellationToken token)
    {
        try
        {
            await cluster.ApplyReadBarrierAsync(ReadBarrierType.Strong, token).ConfigureAwait(false);
        }
        catch (LeaderOperationException)
        {
            return NoLeader;
        }
        return store.TryGet(key, out var value) ? Results.Bytes(value) : Results.NotFound();
    }
}

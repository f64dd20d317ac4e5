using System.Net;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Integration;

/// <summary>
/// The /internal endpoints other silos call are open on the client port, so they must refuse bad input the
/// same way: bytes that do not decode, or a command over the limits, get 400 and add nothing to the log;
/// an unknown peer gets 404.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class GrainCallEndpointTests
{
    [Fact]
    public async Task Propose_GarbageOrOverLimit_Refused_LogUnchanged()
    {
        var token = TestContext.Current.CancellationToken;
        await using var cluster = await ClusterFixture.StartAsync(1);
        var (silo, before) = await cluster.WaitForLeaderAsync();
        using var http = new HttpClient();
        async Task<HttpStatusCode> ProposeAsync(int peer, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            using var response = await http.PostAsync($"{silo.ClientUrl}/internal/peers/{peer}/propose", content, token);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await ProposeAsync(1, [1, 2, 3]));
        var oversized = CommandCodec.Encode(new Command(1, 1, 0, new Operation.Put(new string('k', 5000), "v")));
        Assert.Equal(HttpStatusCode.BadRequest, await ProposeAsync(1, oversized));
        var valid = CommandCodec.Encode(new Command(1, 1, 0, new Operation.Put("k", "v")));
        Assert.Equal(HttpStatusCode.NotFound, await ProposeAsync(99, valid));

        var (_, after) = await cluster.WaitForLeaderAsync();
        Assert.Equal(before.LastIndex, after.LastIndex);
    }
}

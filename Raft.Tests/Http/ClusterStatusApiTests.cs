using Raft.Grains.Client;

namespace Raft.Tests.Http;

// Proves GET /cluster/status renders the cluster client's ClusterStatus in the contract's exact JSON, with the
// leader and its address null (written, not omitted) while no leader is known, and each peer's snapshot
// index, first index and log length after the fields it had before.
public sealed class ClusterStatusApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Status_WithLeader_ExactJson()
    {
        _api.Cluster.Status = new ClusterStatus(2, "http://127.0.0.1:8081",
        [
            new PeerView(1, "silo-1", "http://127.0.0.1:8080", "Follower", 3, 120, 120, 119, Reachable: true, SnapshotIndex: 100, FirstIndex: 91, LogLength: 30),
            new PeerView(2, "silo-2", "http://127.0.0.1:8081", "Leader", 3, 120, 120, 120, Reachable: true, SnapshotIndex: 0, FirstIndex: 1, LogLength: 120),
        ]);

        var response = await _api.GetAsync("cluster/status");

        Assert.Equal(200, response.Status);
        Assert.Equal(
            """{"leader":2,"leaderAddress":"http://127.0.0.1:8081","peers":[""" +
            """{"id":1,"silo":"silo-1","address":"http://127.0.0.1:8080","role":"Follower","term":3,"lastIndex":120,"commitIndex":120,"appliedIndex":119,"snapshotIndex":100,"firstIndex":91,"logLength":30},""" +
            """{"id":2,"silo":"silo-2","address":"http://127.0.0.1:8081","role":"Leader","term":3,"lastIndex":120,"commitIndex":120,"appliedIndex":120,"snapshotIndex":0,"firstIndex":1,"logLength":120}]}""",
            response.Body);
    }

    [Fact]
    public async Task Status_NoLeader_NullsWritten()
    {
        var response = await _api.GetAsync("cluster/status");

        Assert.Equal("""{"leader":null,"leaderAddress":null,"peers":[]}""", response.Body);
    }
}

using System.Text;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.LineProtocol;
using Raft.Tests.Hosting;

namespace Raft.Tests.Http;

// Proves ClusterLineStore serves the line protocol from the cluster client with the state machine's real
// semantics: write/read/cas/delete results and versions, TTLs rounded up to whole seconds on the way in and
// measured against the injected clock on the way out, a cas on a missing key is not-found, a payload that is
// not UTF-8 or breaks a limit fails without being submitted, and not-leader becomes a host:port redirect
// (or a failure when no leader is known) while timeouts and unavailability are failures.
public sealed class ClusterLineStoreTests
{
    private readonly FakeClusterClient _cluster = new();
    private readonly ManualTimeProvider _time = new();
    private readonly ClusterLineStore _store;

    public ClusterLineStoreTests()
    {
        _cluster.NowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _store = new ClusterLineStore(_cluster, _time);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_ThenRead_ReturnsBytesAndVersion()
    {
        var write = await _store.WriteAsync("greeting", Bytes("héllo"), null, Ct);
        var read = await _store.ReadAsync("greeting", Ct);

        Assert.Equal(new LineStoreResult.Ok(2), write);
        var value = Assert.IsType<LineStoreResult.Value>(read);
        Assert.Equal(Bytes("héllo"), value.Bytes.ToArray());
        Assert.Equal(2, value.Version);
        Assert.Null(value.RemainingTimeToLive);
        Assert.Equal(("greeting", ReadConsistency.Linearizable), Assert.Single(_cluster.Reads));
    }

    [Fact]
    public async Task Write_TtlRoundedUpToWholeSeconds()
    {
        await _store.WriteAsync("k", Bytes("v"), TimeSpan.FromMilliseconds(1200), Ct);

        Assert.Equal(new Operation.Put("k", "v", 2), Assert.Single(_cluster.Submissions).Operation);
    }

    [Fact]
    public async Task Read_RemainingTtl_MeasuredByTheInjectedClock()
    {
        await _store.WriteAsync("k", Bytes("v"), TimeSpan.FromSeconds(30), Ct);
        _time.Advance(TimeSpan.FromSeconds(10));

        var read = Assert.IsType<LineStoreResult.Value>(await _store.ReadAsync("k", Ct));

        Assert.Equal(TimeSpan.FromSeconds(20), read.RemainingTimeToLive);
    }

    [Fact]
    public async Task Read_ExpiryPassedByThisClock_ShowsAMomentLeftNotNever()
    {
        // The state machine judges expiry by log time and still has the key; this silo's clock is ahead.
        await _store.WriteAsync("k", Bytes("v"), TimeSpan.FromSeconds(5), Ct);
        _time.Advance(TimeSpan.FromSeconds(60));

        var read = Assert.IsType<LineStoreResult.Value>(await _store.ReadAsync("k", Ct));

        Assert.Equal(TimeSpan.FromMilliseconds(1), read.RemainingTimeToLive);
    }

    [Fact]
    public async Task Read_Missing_NotFound()
    {
        Assert.IsType<LineStoreResult.NotFound>(await _store.ReadAsync("nope", Ct));
    }

    [Fact]
    public async Task Cas_Match_Mismatch_AndMissing()
    {
        await _store.WriteAsync("k", Bytes("v1"), null, Ct);

        Assert.Equal(new LineStoreResult.Ok(3), await _store.CasAsync("k", 2, Bytes("v2"), null, Ct));
        Assert.Equal(new LineStoreResult.VersionMismatch(3), await _store.CasAsync("k", 2, Bytes("v3"), null, Ct));
        Assert.IsType<LineStoreResult.NotFound>(await _store.CasAsync("missing", 5, Bytes("v"), null, Ct));
        Assert.Equal(new LineStoreResult.Ok(6), await _store.CasAsync("created", 0, Bytes("v"), null, Ct));
    }

    [Fact]
    public async Task Delete_PresentThenMissing()
    {
        await _store.WriteAsync("k", Bytes("v"), null, Ct);

        Assert.IsType<LineStoreResult.Ok>(await _store.DeleteAsync("k", Ct));
        Assert.IsType<LineStoreResult.NotFound>(await _store.DeleteAsync("k", Ct));
    }

    [Fact]
    public async Task Write_NotUtf8_FailsWithoutSubmitting()
    {
        var result = await _store.WriteAsync("k", new byte[] { 0x66, 0xFF, 0xFE }, null, Ct);

        Assert.Contains("not UTF-8", Assert.IsType<LineStoreResult.Failed>(result).Reason, StringComparison.Ordinal);
        Assert.Empty(_cluster.Submissions);
    }

    [Fact]
    public async Task Write_OverTheValueLimit_FailsWithoutSubmitting()
    {
        var store = new ClusterLineStore(_cluster, _time, new StateMachineLimits { MaxValueBytes = 4 });

        var result = await store.WriteAsync("k", Bytes("12345"), null, Ct);

        Assert.Contains("value is over 4 bytes", Assert.IsType<LineStoreResult.Failed>(result).Reason, StringComparison.Ordinal);
        Assert.Empty(_cluster.Submissions);
    }

    [Fact]
    public async Task NotLeader_RedirectsToTheLeadersHostAndPort()
    {
        _cluster.Failure = CommandOutcome.NotLeader("http://10.0.0.2:8081");

        Assert.Equal(new LineStoreResult.NotLeader("10.0.0.2:8081"), await _store.WriteAsync("k", Bytes("v"), null, Ct));
        Assert.Equal(new LineStoreResult.NotLeader("10.0.0.2:8081"), await _store.ReadAsync("k", Ct));
    }

    [Fact]
    public async Task NotLeader_CustomRedirectAddress_MapsHttpToLinePort()
    {
        var store = new ClusterLineStore(_cluster, _time, redirectAddress: uri => $"{uri.Host}:{uri.Port + 1000}");
        _cluster.Failure = CommandOutcome.NotLeader("http://10.0.0.2:8081");

        Assert.Equal(new LineStoreResult.NotLeader("10.0.0.2:9081"), await store.DeleteAsync("k", Ct));
    }

    [Fact]
    public async Task NotLeader_UnknownLeader_Fails()
    {
        _cluster.Failure = CommandOutcome.NotLeader(null);

        Assert.IsType<LineStoreResult.Failed>(await _store.WriteAsync("k", Bytes("v"), null, Ct));
    }

    [Theory]
    [InlineData(OutcomeStatus.Timeout)]
    [InlineData(OutcomeStatus.Unavailable)]
    public async Task TimeoutOrUnavailable_Fails(OutcomeStatus status)
    {
        _cluster.Failure = CommandOutcome.Failed(status, "no quorum");

        var failed = Assert.IsType<LineStoreResult.Failed>(await _store.CasAsync("k", 1, Bytes("v"), null, Ct));

        Assert.Contains("no quorum", failed.Reason, StringComparison.Ordinal);
        Assert.IsType<LineStoreResult.Failed>(await _store.ReadAsync("k", Ct));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

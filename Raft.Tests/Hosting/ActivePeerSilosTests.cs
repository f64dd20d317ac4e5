using System.Collections.Immutable;
using System.Net;
using Raft.Silo.Configuration;
using Raft.Silo.Placement;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves where a silo thinks each peer lives, which both placement and the peers' senders go by: on the
/// active silo named after the peer's member, the newest generation when a restarted member's old silo is
/// not declared dead yet, and nowhere when the member has no active silo (joining, dead) or the id is no
/// peer's. A new membership version is seen at once.
/// </summary>
public sealed class ActivePeerSilosTests
{
    private static readonly SiloOptions TwoMembers = new()
    {
        Members =
        [
            new SiloMemberOptions { Name = "member-0", PeerIds = [1] },
            new SiloMemberOptions { Name = "member-1", PeerIds = [2, 3] },
        ],
    };

    private readonly FakeMembership _membership = new();

    [Fact]
    public void PeerOnAnActiveSilo_IsActive_OnTheNewestGeneration()
    {
        var old = Silo(11111, 1);
        var restarted = Silo(11111, 2);
        _membership.Set((old, SiloStatus.Active, "member-1"), (restarted, SiloStatus.Active, "member-1"), (Silo(22222, 1), SiloStatus.Active, "member-0"));
        var silos = new ActivePeerSilos(TwoMembers, _membership);

        Assert.True(silos.IsActive(2));
        Assert.True(silos.IsActive(3));
        Assert.True(silos.IsActive(1));
        Assert.Equal(restarted, silos.ActiveSiloOf(TwoMembers.Members[1]));
    }

    [Fact]
    public void MemberWithoutAnActiveSilo_OrNoPeer_IsNotActive()
    {
        _membership.Set((Silo(11111, 1), SiloStatus.Dead, "member-1"), (Silo(22222, 1), SiloStatus.Joining, "member-0"));
        var silos = new ActivePeerSilos(TwoMembers, _membership);

        Assert.False(silos.IsActive(1));
        Assert.False(silos.IsActive(2));
        Assert.False(silos.IsActive(9));
        Assert.Null(silos.ActiveSiloOf(TwoMembers.Members[0]));
    }

    [Fact]
    public void NewMembershipVersion_IsSeenAtOnce()
    {
        var silo = Silo(11111, 1);
        _membership.Set((silo, SiloStatus.Active, "member-1"));
        var silos = new ActivePeerSilos(TwoMembers, _membership);
        Assert.True(silos.IsActive(2));

        _membership.Set((silo, SiloStatus.Dead, "member-1"));
        Assert.False(silos.IsActive(2));

        _membership.Set((silo, SiloStatus.Dead, "member-1"), (Silo(11111, 2), SiloStatus.Active, "member-1"));
        Assert.True(silos.IsActive(2));
    }

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), generation);

    private sealed class FakeMembership : IClusterMembershipService
    {
        private long _version;

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } =
            new(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, MembershipVersion.MinValue);

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public void Set(params (SiloAddress Silo, SiloStatus Status, string Name)[] members) =>
            CurrentSnapshot = new(
                members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Name)),
                new MembershipVersion(++_version));

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}

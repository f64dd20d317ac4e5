using Raft.Grains.Placement;
using Raft.Silo.Configuration;

namespace Raft.Silo.Placement;

/// <summary>
/// The active silo of each peer's member, from this silo's view of the Orleans membership: the member is
/// named in the cluster file, and a restarted member is a new generation while the old one may not yet be
/// declared dead, so the newest active generation wins. Placement and the peers' senders ask the same
/// question; the answer is cached per membership version, since senders ask on every Ready.
/// </summary>
public sealed class ActivePeerSilos(SiloOptions options, IClusterMembershipService membership) : IPeerSiloStatus
{
    // Senders ask per destination on every Ready: the member of each peer is looked up once, not searched for.
    private readonly Dictionary<int, string> _memberOfPeer = options.Members
        .SelectMany(m => m.PeerIds.Select(peer => (peer, m.Name)))
        .ToDictionary(p => p.peer, p => p.Name);

    // A reference, swapped whole: senders on several activations read it while one of them may replace it.
    private ActiveByVersion? _active;

    private sealed record ActiveByVersion(MembershipVersion Version, Dictionary<string, SiloAddress> ByName);

    /// <summary>The active silo of <paramref name="member"/> now, or null when it has none.</summary>
    public SiloAddress? ActiveSiloOf(SiloMemberOptions member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return ActiveByName().GetValueOrDefault(member.Name);
    }

    public bool IsActive(int peerId) => _memberOfPeer.TryGetValue(peerId, out var member) && ActiveByName().ContainsKey(member);

    private Dictionary<string, SiloAddress> ActiveByName()
    {
        var snapshot = membership.CurrentSnapshot;
        var cached = Volatile.Read(ref _active);
        if (cached is not null && cached.Version == snapshot.Version) return cached.ByName;
        var byName = snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.SiloAddress.Generation)!.SiloAddress, StringComparer.Ordinal);
        Volatile.Write(ref _active, new ActiveByVersion(snapshot.Version, byName));
        return byName;
    }
}

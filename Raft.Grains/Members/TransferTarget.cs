using Raft.Core.Node;

namespace Raft.Grains.Members;

/// <summary>
/// Picks whom a leader about to stop hands over to: the voter with the highest match index that the
/// leader heard from recently, so the transfer needs the least catching up (dissertation §3.10). Peers on
/// the stopping silo itself are passed over, since they are about to stop too.
/// </summary>
public static class TransferTarget
{
    /// <summary>The best target, or 0 when no other voter is fit (the leader is the only one, or none answers).</summary>
    public static int MostCaughtUp(PeerStatus leader, IReadOnlyCollection<int> stopping)
    {
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(stopping);
        return leader.Followers
            .Where(f => f.Id != leader.Id && leader.Membership.IsVoter(f.Id) && f.RecentActive && !stopping.Contains(f.Id))
            .OrderByDescending(f => f.Match)
            .ThenBy(f => f.Id)
            .Select(f => f.Id)
            .FirstOrDefault();
    }
}

using Raft.Client.Results;
using Raft.Core.Members;

namespace Raft.Client.Cluster;

/// <summary>
/// Membership and leadership through the client grain, which finds the leader and waits for the commit. A
/// change is not idempotent: an attempt whose answer was lost on its way and is sent again may be refused
/// for the first attempt's effect (already-member, change-pending); <c>members</c> tells.
/// </summary>
internal sealed partial class ClusterSession
{
    public async Task<MembersResult> GetMembersAsync(CancellationToken cancellationToken)
    {
        var view = await CallAsync(_connection.ClientGrain.GetMembersAsync, cancellationToken).ConfigureAwait(false);
        var members = view.Members.Select(m => new MemberResult(m.Id, m.Silo, m.Address, m.Role, m.MatchIndex, m.Reachable)).ToArray();
        return new MembersResult(view.Leader, view.LeaderAddress, view.Voters, view.Learners, members);
    }

    public async Task<MemberChangeResult> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        var outcome = await CallAsync(token => _connection.ClientGrain.ChangeMembershipAsync(change, token), cancellationToken).ConfigureAwait(false);
        if (!outcome.IsCommitted) throw MembershipErrors.From(outcome);
        var role = change.Kind switch
        {
            MembershipChangeKind.AddLearner => "learner",
            MembershipChangeKind.Remove => "none",
            _ => "voter",
        };
        return new MemberChangeResult(change.PeerId, role, outcome.Index);
    }

    public async Task<LeaderResult> TransferLeadershipAsync(int to, CancellationToken cancellationToken)
    {
        var outcome = await CallAsync(token => _connection.ClientGrain.TransferLeadershipAsync(to, token), cancellationToken).ConfigureAwait(false);
        return outcome.IsCompleted ? new LeaderResult(outcome.Leader, outcome.LeaderAddress) : throw MembershipErrors.From(outcome);
    }
}

using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Members;

namespace Raft.Grains.Client;

/// <summary>
/// Membership changes, leadership transfer and the members view, routed like proposals: find the leader,
/// follow not-leader answers, wait out a leader that is not ready yet or a transfer in progress, until the
/// request timeout. A change is not idempotent, so one whose outcome is unknown (timeout, a peer that
/// stopped) is answered as such, never tried again: the caller reads the members and decides.
/// </summary>
public sealed partial class ClientGrain
{
    public async Task<MembershipOutcome> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (change.PeerId <= 0 || !Enum.IsDefined(change.Kind)) return MembershipAnswer(MembershipStatus.InvalidPeer, change);
        // The leader would take any positive id, but a peer no silo hosts could never be reached: refuse it here.
        if (change.Kind is MembershipChangeKind.AddLearner or MembershipChangeKind.AddVoter && !gateway.AllPeers.Contains(change.PeerId))
            return new MembershipOutcome(MembershipStatus.InvalidPeer, 0, $"no member of this cluster hosts peer {change.PeerId} (peers {string.Join(",", gateway.AllPeers)})");

        var deadline = timeProvider.GetUtcNow() + options.RequestTimeout;
        MembershipStatus? waitedFor = null;
        while (true)
        {
            var (leader, stop) = await NextLeaderAsync(deadline, "no leader answered in time", cancellationToken).ConfigureAwait(true);
            if (stop is not null)
                return stop.Status == OutcomeStatus.NotLeader
                    ? new MembershipOutcome(MembershipStatus.NotLeader, 0, stop.Detail ?? "", stop.LeaderAddress)
                    : MembershipAnswer(waitedFor ?? MembershipStatus.Unavailable, change);
            if (leader == 0) continue;

            var reply = await CallLeaderAsync(leader, ct => gateway.ChangeMembershipAsync(leader, change, ct), cancellationToken).ConfigureAwait(true);
            if (reply is null) continue;
            switch (reply.Status)
            {
                case MembershipStatus.NotLeader:
                    await FollowHintAsync(reply.LeaderHint, cancellationToken).ConfigureAwait(true);
                    break;
                // Passing states, and an overwritten entry (the change certainly did not happen): try again.
                case MembershipStatus.LeaderNotReady or MembershipStatus.TransferInProgress or MembershipStatus.LeadershipLost:
                    waitedFor = reply.Status == MembershipStatus.LeadershipLost ? null : reply.Status;
                    if (reply.Status == MembershipStatus.LeadershipLost) ForgetLeader(leader);
                    await Task.Delay(options.RetryDelay, timeProvider, cancellationToken).ConfigureAwait(true);
                    break;
                default:
                    return MembershipAnswer(reply.Status, change, reply.Index);
            }
        }
    }

    public async Task<LeaderTransferOutcome> TransferLeadershipAsync(int to, CancellationToken cancellationToken)
    {
        if (!gateway.AllPeers.Contains(to)) return TransferAnswer(TransferStatus.UnknownMember, 0, to);
        var deadline = timeProvider.GetUtcNow() + options.RequestTimeout;
        while (true)
        {
            var (leader, stop) = await NextLeaderAsync(deadline, "no leader answered in time", cancellationToken).ConfigureAwait(true);
            if (stop is not null)
                return stop.Status == OutcomeStatus.NotLeader
                    ? new LeaderTransferOutcome(TransferStatus.NotLeader, 0, stop.Detail ?? "", stop.LeaderAddress)
                    : TransferAnswer(TransferStatus.Unavailable, 0, to);
            if (leader == 0) continue;

            var reply = await CallLeaderAsync(leader, ct => gateway.TransferLeadershipAsync(leader, to, ct), cancellationToken).ConfigureAwait(true);
            if (reply is null) continue;
            if (reply.Status == TransferStatus.NotLeader)
            {
                await FollowHintAsync(reply.Leader, cancellationToken).ConfigureAwait(true);
                continue;
            }
            if (reply.Leader != 0) Interlocked.Exchange(ref _leaderHint, reply.Leader);
            return TransferAnswer(reply.Status, reply.Leader, to);
        }
    }

    public async Task<MembersView> GetMembersAsync(CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(gateway.AllPeers.Select(peer => gateway.GetStatusAsync(peer, cancellationToken))).ConfigureAwait(true);
        var reached = statuses.OfType<PeerStatus>().ToArray();
        var leader = reached.Where(s => s.Role == RaftRole.Leader).MaxBy(s => s.Term);
        // Without a leader, the peer with the latest log has the latest membership this silo can see.
        var source = leader ?? reached.MaxBy(s => (s.LastTerm, s.LastIndex));
        var membership = source?.Membership ?? Core.Members.Membership.Empty;
        var matches = leader?.Followers.ToDictionary(f => f.Id, f => f.Match) ?? [];
        if (leader is not null) matches[leader.Id] = leader.LastIndex;
        var members = gateway.AllPeers.Select((peer, i) => new MemberView(
                peer,
                gateway.SiloOf(peer),
                gateway.ClientAddressOf(peer) ?? "",
                membership.IsVoter(peer) ? "voter" : membership.IsLearner(peer) ? "learner" : "none",
                matches.TryGetValue(peer, out var match) ? match : null,
                statuses[i] is not null))
            .ToArray();
        return new MembersView(leader?.Id, leader is null ? null : gateway.ClientAddressOf(leader.Id), [.. membership.Voters], [.. membership.Learners], members);
    }

    private static MembershipOutcome MembershipAnswer(MembershipStatus status, MembershipChange change, long index = 0) =>
        new(status, index, MembershipDetails.Describe(status, change));

    private LeaderTransferOutcome TransferAnswer(TransferStatus status, int leader, int to) =>
        new(status, leader, MembershipDetails.Describe(status, to, leader), leader != 0 ? gateway.ClientAddressOf(leader) : null);

    // When this grain last heard that leadership is moving (ticks of timeProvider's timestamp); 0: never.
    private long _transferSeenTimestamp;

    /// <summary>Whether leadership was moving a moment ago: a leaderless answer then means the election is about to end.</summary>
    private bool TransferRecent
    {
        get
        {
            var seen = Interlocked.Read(ref _transferSeenTimestamp);
            return seen != 0 && timeProvider.GetElapsedTime(seen) < TimeSpan.FromSeconds(1);
        }
    }

    private void NoteTransfer() => Interlocked.Exchange(ref _transferSeenTimestamp, timeProvider.GetTimestamp());
}

using Raft.Core.Node;
using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>Reads and the cluster view: linearizable reads at the leader through ReadIndex, stale ones at home.</summary>
public sealed partial class ClientGrain
{
    public Task<CommandOutcome> ReadAsync(string key, ReadConsistency consistency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (CommandValidator.Validate(new Command(1, 1, 0, new Operation.Get(key)), options.Limits) is { } invalid)
            return Task.FromResult(CommandOutcome.Failed(IsTooLarge(invalid.Reason) ? OutcomeStatus.TooLarge : OutcomeStatus.BadRequest, invalid.Reason));
        return QueryAsync(new ReadQuery.Key(key), consistency, cancellationToken);
    }

    public Task<CommandOutcome> ListTopicsAsync(ReadConsistency consistency, CancellationToken cancellationToken) =>
        QueryAsync(new ReadQuery.Topics(), consistency, cancellationToken);

    private async Task<CommandOutcome> QueryAsync(ReadQuery query, ReadConsistency consistency, CancellationToken cancellationToken)
    {
        if (consistency == ReadConsistency.Stale && gateway.LocalPeers.Count > 0)
        {
            var local = await gateway.ReadAsync(gateway.LocalPeers[0], query, linearizable: false, cancellationToken).ConfigureAwait(true);
            if (local.Status == ReadStatus.Completed) return CommandOutcome.Completed(local.Value!);
        }
        var deadline = timeProvider.GetUtcNow() + options.RequestTimeout;
        while (true)
        {
            var (leader, stop) = await NextLeaderAsync(deadline, "no leader confirmed the read in time", cancellationToken).ConfigureAwait(true);
            if (stop is not null) return stop;
            if (leader == 0) continue;
            var reply = await CallLeaderAsync(leader, ct => gateway.ReadAsync(leader, query, linearizable: true, ct), cancellationToken, retryOnNews: true).ConfigureAwait(true);
            if (reply is null) continue;
            if (reply.Status == ReadStatus.Completed) return CommandOutcome.Completed(reply.Value!);
            if (reply.Status == ReadStatus.NotLeader && reply.LeaderHint != 0) Interlocked.Exchange(ref _leaderHint, reply.LeaderHint);
            else ForgetLeader(leader);
            await Task.Delay(options.RetryDelay, timeProvider, cancellationToken).ConfigureAwait(true);
        }
    }

    public async Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(gateway.AllPeers.Select(async peer => (Peer: peer, Status: await gateway.GetStatusAsync(peer, cancellationToken).ConfigureAwait(true)))).ConfigureAwait(true);
        var views = statuses.Select(s => s.Status is { } status
                ? new PeerView(s.Peer, gateway.SiloOf(s.Peer), gateway.ClientAddressOf(s.Peer) ?? "", RoleName(status.Role), status.Term, status.LastIndex, status.Commit, status.Applied, Reachable: true,
                    status.SnapshotIndex, status.FirstIndex, status.LogLength)
                : new PeerView(s.Peer, gateway.SiloOf(s.Peer), gateway.ClientAddressOf(s.Peer) ?? "", "Unreachable", 0, 0, 0, 0, Reachable: false))
            .ToArray();
        var leader = statuses.Where(s => s.Status?.Role == RaftRole.Leader).OrderByDescending(s => s.Status!.Term).Select(s => (int?)s.Peer).FirstOrDefault();
        return new ClusterStatus(leader, leader is { } id ? gateway.ClientAddressOf(id) : null, views);
    }

    /// <summary>PreCandidate is our PreVote phase; the seeds' clients know only three roles.</summary>
    public static string RoleName(RaftRole role) => role switch
    {
        RaftRole.Leader => "Leader",
        RaftRole.Candidate or RaftRole.PreCandidate => "Candidate",
        _ => "Follower",
    };
}

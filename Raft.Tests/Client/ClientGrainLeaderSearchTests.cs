using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Members;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

/// <summary>
/// The client grain's search for a leader when it knows none: its own peer first, then every other peer at
/// once, so one whose silo just died (its status call answers only at its timeout) holds nothing up.
/// </summary>
public sealed class ClientGrainLeaderSearchTests
{
    /// <summary>
    /// Peer 1 is local and knows no leader; peer 2's silo is dead (its status never comes, until cancelled);
    /// peer 3 leads and applies whatever it is asked.
    /// </summary>
    private sealed class GatewayWithADeadPeer : IPeerGateway
    {
        public IReadOnlyList<int> AllPeers { get; } = [1, 2, 3];
        public IReadOnlyList<int> LocalPeers { get; } = [1];
        /// <summary>Completes when the call to peer 2 is cancelled: the search let it go.</summary>
        public TaskCompletionSource DeadPeerLetGo { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<int> ProposedTo { get; } = [];

        public string? ClientAddressOf(int peerId) => null;
        public string SiloOf(int peerId) => $"silo-{peerId}";

        public async Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken)
        {
            if (peerId == 2)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    DeadPeerLetGo.TrySetResult();
                    throw;
                }
            }
            return Status(peerId, peerId == 3 ? RaftRole.Leader : RaftRole.Follower, leader: peerId == 3 ? 3 : 0);
        }

        public Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken)
        {
            lock (ProposedTo) ProposedTo.Add(peerId);
            var result = CommandCodec.Decode(command).Operation is Operation.RegisterSession
                ? new CommandResult.SessionRegistered(7)
                : (CommandResult)new CommandResult.Written(1);
            return Task.FromResult(ProposeReply.Applied(1, 1, ResultCodec.Encode(result)));
        }

        public Task<ReadReply> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<MembershipReply> ChangeMembershipAsync(int peerId, MembershipChange change, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<TransferReply> TransferLeadershipAsync(int peerId, int to, CancellationToken cancellationToken) => throw new NotSupportedException();

        private static PeerStatus Status(int id, RaftRole role, int leader) => new()
        {
            Id = id, Role = role, Term = 1, VotedFor = 0, Leader = leader, LastIndex = 1, LastTerm = 1, Commit = 1, Applied = 1,
        };
    }

    // The bound only turns a hang into a failure: the search that waited for peer 2 never completed, and a
    // search that never let peer 2's call go would leave DeadPeerLetGo pending.
    [Fact(Timeout = 30_000)]
    public async Task APeerThatNeverAnswers_DoesNotHoldUpTheSearch_AndIsLetGoOnceTheLeaderIsFound()
    {
        var gateway = new GatewayWithADeadPeer();
        var client = new ClientGrain(gateway, new ClientGrainOptions(), TimeProvider.System, new LocalLeaderNews());

        var outcome = await client.SubmitAsync(new Operation.Put("k", "v"), null, TestContext.Current.CancellationToken);

        Assert.Equal(OutcomeStatus.Completed, outcome.Status);
        Assert.Equal(new CommandResult.Written(1), outcome.Result);
        Assert.All(gateway.ProposedTo, peer => Assert.Equal(3, peer));
        // Cancelled as the search ends; the cancelled call may finish just after the answer, so wait for it.
        await gateway.DeadPeerLetGo.Task;
    }
}

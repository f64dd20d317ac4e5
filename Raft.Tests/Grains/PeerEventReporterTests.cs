using System.Collections.Concurrent;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Grains;
using Raft.Grains.StateMachine;
using Raft.Tests.Core;

namespace Raft.Tests.Grains;

/// <summary>
/// Proves that the peer's event reporter tells the observer, with the peer, its term and the right index, of
/// what the node shows only as changed state: a snapshot it took (at its applied index, after the compaction
/// that follows a Ready) apart from one it installed from the leader (beyond its applied index), a
/// leadership transfer started, then ended by stepping down or given up, and a membership as the applier
/// applies its configuration entry. Nodes are driven by hand with the core's harness, one Ready at a time,
/// as the grain's pump calls the reporter.
/// </summary>
public sealed class PeerEventReporterTests
{
    private readonly EventLog _events = new();

    [Fact]
    public void Compaction_IsReportedAsTaken_AtTheAppliedIndex()
    {
        var harness = LeaderHarness.ReadyLeader();
        var reporter = new PeerEventReporter(1, _events, harness.Node);
        for (var i = 0; i < 5; i++) harness.Node.Propose(new byte[] { (byte)i });
        harness.Drain();
        LeaderHarness.AckAll(harness);
        reporter.AfterReady();
        Assert.Empty(_events);

        // The driver compacts after the Ready's callback; the next Ready's callback sees it.
        harness.Node.Compact(new Compaction(new Snapshot(harness.Node.MetadataAtApplied(), new byte[] { 1 }), DropThrough: 6));
        reporter.AfterReady();

        Assert.Equal([$"taken peer=1 term={harness.Node.Term} index=6"], _events);
    }

    [Fact]
    public void SnapshotFromTheLeader_IsReportedAsInstalled_AtItsIndex()
    {
        var harness = new NodeHarness(id: 2, persisted: new PersistedState(new HardState(2, 1, 2), NodeHarness.Log(1, 1, 2)));
        harness.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 2, Commit = 2 });
        var reporter = new PeerEventReporter(2, _events, harness.Node);
        var snapshot = new Snapshot(new SnapshotMetadata(20, 2, Membership.Of([1, 2, 3])), new byte[] { 1, 2, 3 });

        harness.Step(new Message { Type = MessageType.Snapshot, From = 1, To = 2, Term = 2, Index = 20, LogTerm = 2, Snapshot = SnapshotChunk.Of(snapshot, 0, 3) });
        reporter.AfterReady();

        Assert.Equal(["installed peer=2 term=2 index=20"], _events);
    }

    [Fact]
    public void Transfer_IsReportedWhenItStarts_AndWhenTheLeaderStepsDown()
    {
        var harness = LeaderHarness.ReadyLeader();
        var reporter = new PeerEventReporter(1, _events, harness.Node);
        var (term, commit) = (harness.Node.Term, harness.Node.CommitIndex);

        harness.Node.TransferLeadership(2);
        harness.Drain();
        reporter.AfterReady();
        // The target's campaign after TimeoutNow reaches the old leader in a higher term.
        harness.Step(new Message { Type = MessageType.Vote, From = 2, To = 1, Term = term + 1, Index = harness.Node.LastIndex, LogTerm = harness.Node.LastTerm, LeaderTransfer = true });
        reporter.AfterReady();

        Assert.Equal([$"transfer-started peer=1 term={term} index={commit} target=2", $"transfer-ended peer=1 term={term + 1} index={commit} target=2 stepped-down=True"], _events);
    }

    [Fact]
    public void Transfer_GivenUpAfterAnElectionTimeout_IsReportedAsEndedWhileLeading()
    {
        var harness = LeaderHarness.ReadyLeader();
        var reporter = new PeerEventReporter(1, _events, harness.Node);
        harness.Node.TransferLeadership(2);
        reporter.AfterReady();
        for (var i = 0; i < 10; i++)
        {
            harness.Node.Tick();
            harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 3, To = 1, Term = harness.Node.Term });
        }
        reporter.AfterReady();

        Assert.Equal(RaftRole.Leader, harness.Node.Role);
        Assert.EndsWith("target=2 stepped-down=False", _events.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigurationEntry_IsReportedByTheApplier_WithItsIndexAndMembership()
    {
        var harness = LeaderHarness.ReadyLeader();
        var reporter = new PeerEventReporter(1, _events, harness.Node);
        var applier = new StateMachineApplier(new KeyValueStateMachine(), new ProposalWaiters(), 1, reporter.ConfigurationApplied);
        var index = harness.Node.ProposeMembership(new MembershipChange(MembershipChangeKind.AddLearner, 4)).Index;
        harness.Drain();
        LeaderHarness.AckAll(harness);

        foreach (var entry in harness.Readies.SelectMany(r => r.CommittedEntries)) applier.Apply(entry);

        Assert.Equal([$"membership peer=1 term={harness.Node.Term} index={index} voters [1,2,3] learners [4]"], _events);
    }

    /// <summary>Each event as one line of text, in order.</summary>
    private sealed class EventLog : ConcurrentQueue<string>, IRaftPeerObserver
    {
        public void OnBecameLeader(int peerId, long term, long lastIndex) => Enqueue($"leader peer={peerId} term={term} index={lastIndex}");

        public void OnRoleChanged(int peerId, long term, long commitIndex, RaftRole role, int leader)
        {
        }

        public void OnMessageRejected(int peerId, long term, long commitIndex, Message message, StepOutcome outcome)
        {
        }

        public void OnFaulted(int peerId, long term, long commitIndex, Exception exception)
        {
        }

        public void OnSnapshotTaken(int peerId, long term, long snapshotIndex) => Enqueue($"taken peer={peerId} term={term} index={snapshotIndex}");

        public void OnSnapshotInstalled(int peerId, long term, long snapshotIndex) => Enqueue($"installed peer={peerId} term={term} index={snapshotIndex}");

        public void OnMembershipApplied(int peerId, long term, long index, Membership membership) => Enqueue($"membership peer={peerId} term={term} index={index} {membership}");

        public void OnTransferStarted(int peerId, long term, long commitIndex, int target) => Enqueue($"transfer-started peer={peerId} term={term} index={commitIndex} target={target}");

        public void OnTransferEnded(int peerId, long term, long commitIndex, int target, bool steppedDown) =>
            Enqueue($"transfer-ended peer={peerId} term={term} index={commitIndex} target={target} stepped-down={steppedDown}");
    }
}

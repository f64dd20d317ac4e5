using BenchmarkDotNet.Attributes;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Benchmarks;

/// <summary>
/// How many messages a single core steps through <see cref="RaftNode.Step"/> per second: a follower taking
/// heartbeats, a follower taking Appends of one 256-byte entry, and a leader taking acknowledgements.
/// Each invocation steps a batch and then drains the Ready, as a host would after a turn.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 6)]
public class StepThroughputBenchmarks
{
    private const int Batch = 1000;
    private static readonly byte[] Payload = new byte[256];
    private RaftNode _follower = null!;
    private RaftNode _leader = null!;
    private Message _heartbeat = null!;
    private long _nextIndex;
    private long _leaderAck;

    [GlobalSetup]
    public void Setup()
    {
        _follower = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] }, new PersistedState(new HardState(1, 1, 0), []));
        _heartbeat = new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 };
        _nextIndex = 1;

        _leader = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3], PreVote = false, MaxInflightMessages = 4096 });
        while (_leader.Role != RaftRole.Leader)
        {
            _leader.Tick();
            foreach (var m in Drain(_leader).Where(m => m.Type == MessageType.Vote))
                _leader.Step(new Message { Type = MessageType.VoteResponse, From = m.To, To = 1, Term = m.Term });
        }
        Drain(_leader);
        _leaderAck = _leader.LastIndex;
    }

    private static List<Message> Drain(RaftNode node)
    {
        var sent = new List<Message>();
        while (node.HasReady)
        {
            var ready = node.GetReady();
            sent.AddRange(ready.Messages);
            node.Advance(ready);
        }
        return sent;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void FollowerHeartbeat()
    {
        for (var i = 0; i < Batch; i++) _follower.Step(_heartbeat);
        Drain(_follower);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void FollowerAppendOneEntry()
    {
        for (var i = 0; i < Batch; i++)
        {
            var index = _nextIndex++;
            _follower.Step(new Message
            {
                Type = MessageType.Append,
                From = 1,
                To = 2,
                Term = 1,
                Index = index - 1,
                LogTerm = index == 1 ? 0 : 1,
                Commit = index - 1,
                Entries = [new Entry(1, index, EntryType.Normal, Payload)],
            });
        }
        Drain(_follower);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void LeaderProposeAndAcknowledge()
    {
        for (var i = 0; i < Batch; i++)
        {
            _leader.Propose(Payload);
            _leaderAck++;
            _leader.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = _leader.Term, Index = _leaderAck });
        }
        Drain(_leader);
    }
}

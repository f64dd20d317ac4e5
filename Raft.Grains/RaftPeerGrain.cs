using Microsoft.Extensions.Logging;
using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains.Persistence;
using Orleans.GrainDirectory;
using Raft.Grains.Metrics;
using Raft.Grains.Placement;
using Raft.Grains.Members;
using Raft.Grains.Client;

namespace Raft.Grains;

/// <summary>
/// One Raft peer as an Orleans grain: a thin driver around <see cref="RaftNode"/>. A timer tick calls Tick,
/// a delivered batch calls Step, a proposal calls Propose; each then kicks the <see cref="ReadyPump"/>,
/// which persists every Ready (log rows, then hard state) before it sends, applies and advances. Turns never
/// await: the pump runs on the activation's scheduler between them, so ticks and deliveries go on while a
/// write is in flight, and a burst shares the next write. All Raft logic stays in Raft.Core, and the
/// simulator runs the same pump.
/// </summary>
[RaftPeerPlacement]
[GrainDirectory(RaftPeerDirectory.Name)]
public sealed partial class RaftPeerGrain(
    [PersistentState("hard-state", RaftGrainStorage.Name)] IPersistentState<PeerHardState> hardState,
    IRaftPeerHost host,
    LocalLeaderNews leaderNews,
    IPeerSiloStatus peerSilos,
    TimeProvider timeProvider,
    ILogger<RaftPeerGrain> logger) : Grain, IRaftPeerGrain, IRemindable
{
    private const string WakeReminder = "raft-wake";
    private readonly ProposalWaiters _waiters = new();
    private RaftPeerGrainSettings? _settings;
    private IReplicatedStateMachine? _stateMachine;
    private StateMachineApplier? _applier;
    private PeerPersistence? _persistence;
    private PeerMessageSender? _sender;
    private ReadyPump? _pump;
    private IGrainTimer? _tickTimer;
    private (RaftRole Role, long Term, int Leader) _reported = (RaftRole.Follower, -1, -1);

    public int PeerId => (int)this.GetPrimaryKeyLong();

    private RaftNode Node { get; set; } = null!;

    // Published for the metrics reader, which runs on another thread and must not touch the node.
    private PeerGauges _gauges = new(0, 0, 0, 0);

    private RaftPeerGrainSettings Settings => _settings!;

    /// <summary>Claims the peer's storage, rebuilds the node and state machine from it (snapshot, then the committed tail), starts ticking.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _settings = host.SettingsFor(PeerId);
        _persistence = new PeerPersistence(new PersistentHardStateStore(hardState), host.LogOf(PeerId), timeProvider, Settings.CommitFlushInterval, PeerId);
        var persisted = await _persistence.ActivateAsync(cancellationToken).ConfigureAwait(true);
        _stateMachine = host.CreateStateMachine(PeerId);
        _applier = new StateMachineApplier(_stateMachine, _waiters, PeerId, ConfigurationApplied);
        // From the stored snapshot, only the log's tail is applied again (Raft §7).
        if (persisted.Snapshot is { } snapshot) _applier.Restore(snapshot);
        Node = new RaftNode(Settings.Raft, persisted, applied: persisted.Snapshot?.Index ?? 0);
        _events = new PeerEventReporter(PeerId, host.Observer, Node);
        _sender = new PeerMessageSender(GrainFactory, PeerId, peerSilos);
        var driver = new RaftPeerDriver(Node, _sender, _applier, this.AsReadIndexSink(), _applier.CanSnapshot ? Settings.Snapshots : null);
        // The snapshot's serialization (sorting and writing every key) runs on the thread pool: on the peer's
        // turn it held a leader up past its followers' election timeout. The frozen copy it reads is its own.
        _pump = new ReadyPump(driver, _persistence, AfterReady, OnStorageFault, beforeWrite: _sender.Flush,
            serializeSnapshot: serialize => Task.Run(serialize));
        _gauges = PeerGauges.Of(Node);
        RaftMetrics.Register(PeerId, () => Volatile.Read(ref _gauges));
        _tickTimer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(Settings.TickInterval, Settings.TickInterval) { KeepAlive = true });
        RegisterWakeReminderAsync().Ignore();
        Kick();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        RaftMetrics.Unregister(PeerId);
        _tickTimer?.Dispose();
        _waiters.FailAll(ProposeStatus.Unknown);
        FailAllReads(ReadStatus.Unavailable);
        _transfers.FailAll(TransferStatus.Unknown);
        if (_pump is null || _persistence is null) return;
        await _pump.Idle.WaitAsync(cancellationToken).ConfigureAwait(true);
        if (_pump.Fault is null) await _persistence.FlushAsync().ConfigureAwait(true);
    }

    public async Task<ProposeReply> ProposeAsync(byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var admitted = Admit(command);
        if (admitted.Waiting is not null) Kick();
        return await SettleAsync(admitted, started, cancellationToken).ConfigureAwait(true);
    }

    public async Task<ProposeReply[]> ProposeBatchAsync(byte[][] commands, CancellationToken cancellationToken)
    {
        // Any Orleans client can call this: a batch past the bound is refused whole, with an empty answer.
        if (commands is null || commands.Length > Client.ProposalBatchLimits.MaxCommandsPerCall) return [];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // All admitted in this one turn, so they take consecutive indexes and leave in one append.
        var admitted = Array.ConvertAll(commands, command => command is null ? Admission.Refused(ProposeStatus.Rejected) : Admit(command));
        if (admitted.Any(a => a.Waiting is not null)) Kick();
        return await Task.WhenAll(admitted.Select(a => SettleAsync(a, started, cancellationToken))).ConfigureAwait(true);
    }

    /// <summary>A proposal after this turn's checks: refused at once, or appended at (Index, Term) and waiting for its apply.</summary>
    private readonly record struct Admission(ProposeReply? Refusal, Task<ProposeReply>? Waiting, long Index, long Term)
    {
        public static Admission Refused(ProposeStatus status, int leaderHint = 0) => new(ProposeReply.Refused(status, leaderHint), null, 0, 0);
    }

    /// <summary>Checks and appends one command, synchronously, on the caller's turn.</summary>
    private Admission Admit(byte[] command)
    {
        if (OutOfService || Node.Role != RaftRole.Leader) return Admission.Refused(ProposeStatus.NotLeader, OutOfService ? 0 : Node.Leader);
        if (_stateMachine!.PrepareProposal(command, timeProvider.GetUtcNow().ToUnixTimeMilliseconds()) is not null)
            return Admission.Refused(ProposeStatus.Rejected);
        var result = Node.Propose(command);
        if (!result.IsAccepted) return Admission.Refused(ToStatus(result.Outcome), result.LeaderHint);
        return new Admission(null, _waiters.Add(result.Index, result.Term), result.Index, result.Term);
    }

    /// <summary>Waits for an admitted proposal's apply (within the proposal timeout) and counts its outcome.</summary>
    private async Task<ProposeReply> SettleAsync(Admission admitted, long started, CancellationToken cancellationToken)
    {
        var reply = admitted.Refusal ?? await WaitForApplyAsync(admitted, cancellationToken).ConfigureAwait(true);
        RaftMetrics.Proposed(PeerId, reply.Status);
        if (reply.Status == ProposeStatus.Applied)
        {
            var latencyMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RaftMetrics.Committed(PeerId, latencyMs);
            RecordCommitLatency(latencyMs);
        }
        return reply;
    }

    private async Task<ProposeReply> WaitForApplyAsync(Admission admitted, CancellationToken cancellationToken)
    {
        try
        {
            return await admitted.Waiting!.WaitAsync(Settings.ProposeTimeout, timeProvider, cancellationToken).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            _waiters.Abandon(admitted.Index, admitted.Term);
            return ProposeReply.Failed(ProposeStatus.Timeout, admitted.Index, admitted.Term);
        }
        catch (OperationCanceledException)
        {
            _waiters.Abandon(admitted.Index, admitted.Term);
            throw;
        }
    }

    public Task<PeerStatus> GetStatusAsync(CancellationToken cancellationToken = default) => Task.FromResult(Node.Status());

    // Raft traffic is most of a peer's calls; the Orleans Dashboard's per-call profiler skips it (the
    // metrics count messages by type instead) and still profiles proposals, reads and status.
    [Orleans.Dashboard.NoProfiling]
    public Task DeliverAsync(MessageBatch batch)
    {
        // A faulted or paused peer is out of the cluster; dropping is what the network would do to it anyway.
        // So is dropping a batch that arrived without messages: any Orleans client can call this method.
        if (OutOfService || batch?.Messages is not { } messages) return Task.CompletedTask;
        foreach (var message in messages)
        {
            if (message is null) continue;
            var outcome = Node.Step(message);
            if (outcome is not (StepOutcome.Accepted or StepOutcome.StaleTerm or StepOutcome.IgnoredInLease or StepOutcome.NotApplicable))
            {
                host.Observer.OnMessageRejected(PeerId, Node.Term, Node.CommitIndex, message, outcome);
                RaftMetrics.Refused(PeerId, message.Type, outcome);
            }
        }
        Kick();
        return Task.CompletedTask;
    }

    /// <summary>The reminder only wakes the peer: activation is all it takes.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private Task TickAsync(CancellationToken cancellationToken)
    {
        if (OutOfService) return Task.CompletedTask;
        Node.Tick();
        Kick();
        return Task.CompletedTask;
    }

    private void Kick() => _pump!.Kick();

    /// <summary>After each Ready: send what it produced, answer the callers it decided, report role changes.</summary>
    private void AfterReady()
    {
        _sender!.Flush();
        var gauges = PeerGauges.Of(Node);
        if (gauges != _gauges) Volatile.Write(ref _gauges, gauges);
        _waiters.CompleteDecided();
        SettleReads();
        SettleTransfers();
        ReportRoleChange();
        _events!.AfterReady();
    }

    /// <summary>
    /// Raft's durability rule forbids going on once memory is ahead of disk: stop taking part and leave. A
    /// stale activation (fenced out by a newer one, <c>InconsistentStateException</c>) ends the same way.
    /// </summary>
    private void OnStorageFault(Exception exception)
    {
        _tickTimer?.Dispose();
        _waiters.FailAll(ProposeStatus.Unknown);
        FailAllReads(ReadStatus.Unavailable);
        _transfers.FailAll(TransferStatus.Unknown);
        host.Observer.OnFaulted(PeerId, Node.Term, Node.CommitIndex, exception);
        DeactivateOnIdle();
    }

    private async Task RegisterWakeReminderAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(WakeReminder, Settings.WakeReminderPeriod, Settings.WakeReminderPeriod).ConfigureAwait(true);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Activation at silo start wakes the peer too; a reminder table that is not reachable now only
            // loses the second way, so log it and go on.
            ReminderFailed(logger, exception, PeerId);
        }
    }

    private void ReportRoleChange()
    {
        var now = (Node.Role, Node.Term, Node.Leader);
        if (now == _reported) return;
        var won = Node.Role == RaftRole.Leader && (_reported.Role != RaftRole.Leader || _reported.Term != Node.Term);
        if (won) host.Observer.OnBecameLeader(PeerId, Node.Term, Node.LastIndex);
        if (Node.Leader != _reported.Leader || Node.Term != _reported.Term) RaftMetrics.LeaderChanged(PeerId, won);
        host.Observer.OnRoleChanged(PeerId, Node.Term, Node.CommitIndex, Node.Role, Node.Leader);
        leaderNews.Report(Node.Leader);
        RecordRole();
        _reported = now;
    }

    private static ProposeStatus ToStatus(ProposeOutcome outcome) => outcome switch
    {
        ProposeOutcome.NotLeader => ProposeStatus.NotLeader,
        ProposeOutcome.TooLarge => ProposeStatus.TooLarge,
        ProposeOutcome.Dropped => ProposeStatus.Dropped,
        ProposeOutcome.Transferring => ProposeStatus.Transferring,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a refusal"),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "peer {PeerId} could not register its wake-up reminder")]
    private static partial void ReminderFailed(ILogger logger, Exception exception, int peerId);
}

using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// One Raft peer as a grain: a thin driver around <see cref="RaftNode"/>. A timer turn calls Tick, a
/// delivered message calls Step, a proposal calls Propose; after each, <see cref="RaftPeerDriver"/>
/// persists the Ready (one transaction, synced), sends, applies and advances; then the callers whose
/// entries applied are answered. All Raft logic stays in Raft.Core, so the simulator runs the same loop.
/// </summary>
/// <remarks>
/// Orleans generates a proxy that turns each interface call into a turn on the activation; here the
/// interface methods enqueue their own turns on <see cref="IGrainRuntime"/>, which is the same thing
/// written by hand. State below is touched only inside turns.
/// </remarks>
public sealed partial class RaftPeerGrain(
    RaftPeerGrainSettings settings,
    IGrainRuntime runtime,
    IRaftPeerStorage storage,
    IMessageSender sender,
    IReplicatedStateMachine stateMachine,
    IRaftPeerObserver observer) : IRaftPeerGrain, IActivationLifecycle, IReadIndexSink
{
    private readonly ProposalWaiters _waiters = new();
    // Bounds how long a stream of turns can hold back a Ready (latency) and how much one write carries.
    private const int MaxDeferredTurns = 64;
    private int _deferredTurns;
    private StateMachineApplier? _applier;
    private RaftPeerDriver? _driver;
    private IDisposable? _tickTimer;
    // Set when storage failed mid-Ready: memory is then ahead of disk, so the peer must stop taking part.
    private Exception? _fault;
    private (RaftRole Role, long Term, int Leader) _reported = (RaftRole.Follower, -1, -1);

    public int PeerId => settings.Raft.Id;

    private RaftNode Node => (_driver ?? throw new InvalidOperationException($"peer {PeerId} is not activated")).Node;

    /// <summary>Loads the persisted state, rebuilds the node from it, re-applies what it had committed, starts ticking.</summary>
    public async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var persisted = await storage.LoadAsync(cancellationToken).ConfigureAwait(false);
        var node = new RaftNode(settings.Raft, persisted);
        _applier = new StateMachineApplier(stateMachine, _waiters);
        _driver = new RaftPeerDriver(node, sender, _applier, this);
        _tickTimer = runtime.RegisterTimer(TickTurnAsync, settings.TickInterval, settings.TickInterval);
        await AfterTurnAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        _tickTimer?.Dispose();
        _waiters.FailAll(ProposeStatus.Unknown);
        FailAllReads(ReadStatus.Unavailable);
        return Task.CompletedTask;
    }

    public async Task<ProposeReply> ProposeAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken)
    {
        // The entry keeps the bytes for the life of the log; the caller may reuse its buffer.
        var owned = command.ToArray();
        var pending = await runtime.EnqueueTurnAsync(ct => ProposeTurnAsync(owned, ct)).ConfigureAwait(false);
        if (pending.Completion.IsCompleted) return await pending.Completion.ConfigureAwait(false);
        try
        {
            // Wait outside the turn: the mailbox keeps running (ticks, replies) while this caller waits.
            return await pending.Completion.WaitAsync(settings.ProposeTimeout, runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(pending);
            return ProposeReply.Failed(ProposeStatus.Timeout, pending.Index, pending.Term);
        }
        catch (OperationCanceledException)
        {
            Abandon(pending);
            throw;
        }
    }

    public Task<PeerStatus> GetStatusAsync() => runtime.EnqueueTurnAsync(async ct =>
    {
        var status = Node.Status();
        // Every turn ends with the Ready loop, so work deferred by earlier turns never waits for a tick.
        if (_fault is null) await AfterTurnAsync(ct).ConfigureAwait(false);
        return status;
    });

    public void Deliver(Message message) => runtime.Post(ct => StepTurnAsync(message, ct));

    private async Task<PendingProposal> ProposeTurnAsync(byte[] command, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        var result = Node.Propose(command);
        if (!result.IsAccepted)
        {
            var refusal = ProposeReply.Refused(ToStatus(result.Outcome), result.LeaderHint);
            return new PendingProposal(0, 0, Task.FromResult(refusal));
        }
        var completion = _waiters.Add(result.Index, result.Term);
        await AfterTurnAsync(cancellationToken).ConfigureAwait(false);
        return new PendingProposal(result.Index, result.Term, completion);
    }

    private async Task StepTurnAsync(Message message, CancellationToken cancellationToken)
    {
        // A faulted peer is out of the cluster; dropping is what the network would do to it anyway.
        if (_fault is not null) return;
        var outcome = Node.Step(message);
        if (outcome is not (StepOutcome.Accepted or StepOutcome.StaleTerm or StepOutcome.IgnoredInLease or StepOutcome.NotApplicable))
        {
            observer.OnMessageRejected(PeerId, message, outcome);
        }
        await AfterTurnAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task TickTurnAsync(CancellationToken cancellationToken)
    {
        if (_fault is not null) return;
        Node.Tick();
        await AfterTurnAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tail of every turn: persist, send, apply, advance; then answer callers and report role changes.
    /// While more turns wait in the mailbox, the work is left to the last of them (up to a bound), so a
    /// burst of proposals or acknowledgements shares one write and one sync: group commit. Nothing is sent
    /// before it is persisted either way; every turn ends here, so the last one in a burst always does it.
    /// </summary>
    private async Task AfterTurnAsync(CancellationToken cancellationToken)
    {
        if (runtime.HasQueuedTurns && _deferredTurns < MaxDeferredTurns)
        {
            _deferredTurns++;
            return;
        }
        _deferredTurns = 0;
        try
        {
            await _driver!.ProcessReadyAsync(storage, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Raft's durability rule forbids sending what we could not persist; stop rather than guess.
            _fault = exception;
            _tickTimer?.Dispose();
            _waiters.FailAll(ProposeStatus.Unknown);
            FailAllReads(ReadStatus.Unavailable);
            observer.OnFaulted(PeerId, exception);
            throw;
        }
        _waiters.CompleteDecided();
        SettleReads();
        ReportRoleChange();
    }

    private void ReportRoleChange()
    {
        var node = Node;
        var now = (node.Role, node.Term, node.Leader);
        if (now == _reported) return;
        if (node.Role == RaftRole.Leader && (_reported.Role != RaftRole.Leader || _reported.Term != node.Term))
        {
            observer.OnBecameLeader(PeerId, node.Term);
        }
        observer.OnRoleChanged(PeerId, node.Role, node.Term, node.Leader);
        _reported = now;
    }

    private void Abandon(PendingProposal pending) =>
        runtime.Post(async ct =>
        {
            _waiters.Abandon(pending.Index, pending.Term);
            if (_fault is null) await AfterTurnAsync(ct).ConfigureAwait(false);
        });

    private void ThrowIfFaulted()
    {
        if (_fault is not null) throw new InvalidOperationException($"peer {PeerId} stopped after a storage failure: {_fault.Message}", _fault);
    }

    private static ProposeStatus ToStatus(ProposeOutcome outcome) => outcome switch
    {
        ProposeOutcome.NotLeader => ProposeStatus.NotLeader,
        ProposeOutcome.TooLarge => ProposeStatus.TooLarge,
        ProposeOutcome.Dropped => ProposeStatus.Dropped,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a refusal"),
    };
}

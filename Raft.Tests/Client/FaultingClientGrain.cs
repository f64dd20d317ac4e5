using System.Collections.Concurrent;
using Orleans.Runtime;
using Raft.Core.Members;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

/// <summary>
/// An <see cref="IClientGrain"/> in front of another that records every call as it arrives (an attempt, failed
/// or not) and fails the next calls as <see cref="Faults"/> says, with the exception an Orleans client
/// throws when its gateway is gone (or, for <see cref="CallFault.GrainThrows"/>, one from the grain).
/// </summary>
internal sealed class FaultingClientGrain(IClientGrain inner) : IClientGrain
{
    /// <summary>Faults for the next calls, one each, oldest first; a call finding none goes through.</summary>
    public ConcurrentQueue<CallFault> Faults { get; } = new();

    /// <summary>When true, every call fails before arrival, however many there are.</summary>
    public bool AlwaysFail { get; set; }

    /// <summary>Every attempt: the method, and for submissions the operation and request id.</summary>
    public ConcurrentQueue<(string Method, Operation? Operation, ClientRequestId? RequestId)> Attempts { get; } = new();

    /// <summary>Set when a call waiting for an answer that never comes saw its token cancelled.</summary>
    public bool SawCancellation { get; private set; }

    public Task<CommandOutcome> SubmitAsync(Operation operation, ClientRequestId? requestId, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("submit", operation, requestId));
        return CallAsync(() => inner.SubmitAsync(operation, requestId, cancellationToken), cancellationToken);
    }

    public Task<CommandOutcome> ReadAsync(string key, ReadConsistency consistency, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("read", null, null));
        return CallAsync(() => inner.ReadAsync(key, consistency, cancellationToken), cancellationToken);
    }

    public Task<CommandOutcome> ListTopicsAsync(ReadConsistency consistency, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("list-topics", null, null));
        return CallAsync(() => inner.ListTopicsAsync(consistency, cancellationToken), cancellationToken);
    }

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("cluster-status", null, null));
        return CallAsync(() => inner.GetClusterStatusAsync(cancellationToken), cancellationToken);
    }

    public Task<MembershipOutcome> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("change-membership", null, null));
        return CallAsync(() => inner.ChangeMembershipAsync(change, cancellationToken), cancellationToken);
    }

    public Task<LeaderTransferOutcome> TransferLeadershipAsync(int to, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("transfer-leadership", null, null));
        return CallAsync(() => inner.TransferLeadershipAsync(to, cancellationToken), cancellationToken);
    }

    public Task<MembersView> GetMembersAsync(CancellationToken cancellationToken)
    {
        Attempts.Enqueue(("members", null, null));
        return CallAsync(() => inner.GetMembersAsync(cancellationToken), cancellationToken);
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (AlwaysFail) throw GatewayGone();
        if (!Faults.TryDequeue(out var fault)) return await call();
        switch (fault)
        {
            case CallFault.BeforeArrival:
                throw GatewayGone();
            case CallFault.AnswerLost:
                await call();
                throw GatewayGone();
            case CallFault.GrainThrows:
                throw new InvalidOperationException("no codec for the operation");
            default:
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SawCancellation = true;
                    throw;
                }
                throw new InvalidOperationException("unreachable");
        }
    }

    private static SiloUnavailableException GatewayGone() => new("the gateway's silo became unavailable");
}

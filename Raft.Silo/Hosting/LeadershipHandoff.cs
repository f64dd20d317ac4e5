using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Raft.Grains;
using Raft.Grains.Members;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>
/// A graceful stop (SIGTERM, host shutdown, TestCluster's StopSiloAsync) of a silo whose peer leads hands
/// leadership to the most caught-up voter first, so the group has a leader before this one goes and a
/// rolling restart waits out no election timeout (dissertation §3.10). It stops at the silo's Active stage,
/// the first one stopped: the peers are still active and the other silos still reachable. Bounded by
/// <see cref="RaftTimingOptions.StopHandoffTimeoutMs"/>; a handoff that fails only costs that election.
/// </summary>
public sealed partial class LeadershipHandoff(SiloOptions options, IGrainFactory grains, ILogger<LeadershipHandoff> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(LeadershipHandoff), ServiceLifecycleStage.Active, _ => Task.CompletedTask, HandOffAsync);
    }

    private async Task HandOffAsync(CancellationToken cancellationToken)
    {
        var timeoutMs = options.Timing.StopHandoffTimeoutMs;
        var local = options.FindSelf().PeerIds;
        if (timeoutMs == 0 || local.Count == 0) return;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeoutMs);
        try
        {
            await Task.WhenAll(local.Select(peer => HandOffAsync(peer, local, deadline.Token))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
            // Stopping goes on regardless: without a handoff the others elect a leader after a timeout.
            HandoffFailed(logger, e.Message);
        }
    }

    private async Task HandOffAsync(int peerId, IReadOnlyCollection<int> stopping, CancellationToken cancellationToken)
    {
        var peer = grains.GetRaftPeer(peerId);
        var status = await peer.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (status.Role != Core.Node.RaftRole.Leader) return;
        var target = TransferTarget.MostCaughtUp(status, stopping);
        if (target == 0)
        {
            NoTarget(logger, peerId);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var reply = await peer.TransferLeadershipAsync(target, cancellationToken).ConfigureAwait(false);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (reply.IsCompleted) HandedOff(logger, peerId, target, elapsedMs);
        else HandoffRefused(logger, peerId, target, reply.Status, elapsedMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: peer {PeerId} handed leadership to peer {Target} in {ElapsedMs:F0} ms")]
    private static partial void HandedOff(ILogger logger, int peerId, int target, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping: peer {PeerId} could not hand leadership to peer {Target}: {Status} after {ElapsedMs:F0} ms")]
    private static partial void HandoffRefused(ILogger logger, int peerId, int target, TransferStatus status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping: peer {PeerId} leads but no other voter is caught up and active; the group elects after a timeout")]
    private static partial void NoTarget(ILogger logger, int peerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stopping: the leadership handoff did not finish: {Reason}")]
    private static partial void HandoffFailed(ILogger logger, string reason);
}

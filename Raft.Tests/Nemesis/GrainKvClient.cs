using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.Hosting;
using Raft.Simulator.Checking.Linearizability;
using GrainOperation = Raft.Grains.StateMachine.Operation;

namespace Raft.Tests.Nemesis;

/// <summary>A workload client's door through one in-process silo's client grain.</summary>
internal sealed class GrainKvClient(IClientGrain cluster) : IKvClient
{
    public async Task<KvOutput?> PutAsync(string key, string value, CancellationToken cancellationToken) =>
        Map(await SubmitAsync(new GrainOperation.Put(key, value), cancellationToken).ConfigureAwait(false));

    public async Task<KvOutput?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return Map(await cluster.ReadAsync(key, ReadConsistency.Linearizable, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or OperationCanceledException or OrleansException or TimeoutException)
        {
            return null;
        }
    }

    public async Task<KvOutput?> CasAsync(string key, long expectedVersion, string value, CancellationToken cancellationToken) =>
        Map(await SubmitAsync(new GrainOperation.Cas(key, expectedVersion, value), cancellationToken).ConfigureAwait(false));

    public async Task<bool?> EnqueueAsync(string topic, string message, CancellationToken cancellationToken)
    {
        var outcome = await SubmitAsync(new GrainOperation.PutMessage(topic, message), cancellationToken).ConfigureAwait(false);
        return outcome?.Result is CommandResult.QueueSuccess ? true : null;
    }

    private async Task<CommandOutcome?> SubmitAsync(GrainOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.SubmitAsync(operation, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or OperationCanceledException or OrleansException or TimeoutException)
        {
            // The silo was killed under the call: the command may or may not have applied.
            return null;
        }
    }

    public static KvOutput? Map(CommandOutcome? outcome) => outcome is { Status: OutcomeStatus.Completed } ? Map(outcome.Result!) : null;

    public static KvOutput? Map(CommandResult result) => result switch
    {
        CommandResult.Written w => new KvOutput.Written(w.Version),
        CommandResult.Value v => new KvOutput.Value(v.Text, v.Version),
        CommandResult.NotFound => new KvOutput.NotFound(),
        CommandResult.VersionMismatch m => new KvOutput.VersionMismatch(m.CurrentVersion),
        CommandResult.Deleted => new KvOutput.Deleted(),
        _ => null,
    };
}

using Raft.Grains;
using Raft.Silo.Configuration;

namespace Raft.TestCluster.Faults;

/// <summary>
/// Network faults between silos, injected where Orleans sends grain calls (TestingHost has no partitions):
/// on every call from this silo to a Raft peer hosted by another, the fault table decides. A lost one-way
/// message simply never arrives; a lost request fails as a timeout would, without the wait. Calls between
/// grains of one silo never cross a network, so they are never faulted.
/// </summary>
public sealed class FaultInjectingCallFilter(string siloName, SiloOptions options, NetworkFaults faults) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Grain is not IRaftPeerGrain || context.TargetId.GetIntegerKey() is not (>= 1 and <= int.MaxValue and var key)
            || options.FindHostOf((int)key) is not { } host || host.Name == siloName)
        {
            await context.Invoke().ConfigureAwait(true);
            return;
        }
        var oneWay = context.MethodName == nameof(IRaftPeerGrain.DeliverAsync);
        var verdict = faults.OnSend(siloName, host.Name, oneWay);
        if (verdict.Drop)
        {
            if (oneWay) return;
            throw new TimeoutException($"test network: {siloName} cannot reach {host.Name}");
        }
        if (verdict.Delay > TimeSpan.Zero) await Task.Delay(verdict.Delay).ConfigureAwait(true);
        await context.Invoke().ConfigureAwait(true);
    }
}

using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>
/// Resolves a grain key to its activation (Orleans <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c>). Today
/// only local activations exist; a remote proxy that forwards calls over the transport is the next step.
/// The returned object is the grain itself: its interface methods enqueue their own turns.
/// </summary>
public sealed class GrainFactory(GrainDirectory directory)
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : class
    {
        var id = GrainId.For<TGrainInterface>(key);
        if (directory.TryGet(id, out var local) && local.Grain is TGrainInterface grain) return grain;
        throw new GrainNotFoundException($"grain {id} has no activation in this silo");
    }

    /// <summary>The Raft peer with this id, keyed by its id as Orleans would key it by string.</summary>
    public IRaftPeerGrain GetRaftPeer(int peerId) => GetGrain<IRaftPeerGrain>(PeerKey(peerId));

    public bool TryGetRaftPeer(int peerId, out IRaftPeerGrain peer)
    {
        if (directory.TryGet(GrainId.For<IRaftPeerGrain>(PeerKey(peerId)), out var local) && local.Grain is IRaftPeerGrain grain)
        {
            peer = grain;
            return true;
        }
        peer = null!;
        return false;
    }

    public static string PeerKey(int peerId) => peerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

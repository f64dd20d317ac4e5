using Raft.Core.Node;

namespace Raft.Core.Driver;

/// <summary>Receives confirmed read indexes; the host serves each waiting read once it has applied that far.</summary>
public interface IReadIndexSink
{
    void OnReadIndex(ReadState state);
}

using Raft.Core.Messages;

namespace Raft.Core.Driver;

/// <summary>The replicated state machine's side of the driver: committed entries arrive here in log order, once per incarnation.</summary>
public interface IEntryApplier
{
    void Apply(Entry entry);
}

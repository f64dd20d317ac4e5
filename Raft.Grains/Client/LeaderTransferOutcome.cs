using Raft.Grains.Members;

namespace Raft.Grains.Client;

/// <summary>The answer to a leadership transfer at the client grain: how it ended, who leads as far as is known (0: unknown), a one-line reason, the leader's client address when known.</summary>
[GenerateSerializer, Alias("raft.transfer-outcome")]
public sealed record LeaderTransferOutcome(TransferStatus Status, int Leader, string Detail, string? LeaderAddress = null)
{
    public bool IsCompleted => Status == TransferStatus.Completed;
}

namespace Raft.Grains.Members;

/// <summary>The answer to <see cref="IRaftPeerGrain.TransferLeadershipAsync"/>: how it ended, and the leader as the asked peer last knew it (0: unknown).</summary>
[GenerateSerializer, Alias("raft.transfer-reply")]
public sealed record TransferReply(TransferStatus Status, int Leader)
{
    public bool IsCompleted => Status == TransferStatus.Completed;
}

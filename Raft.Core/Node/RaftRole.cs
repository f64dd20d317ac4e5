namespace Raft.Core.Node;

/// <summary>The role a peer plays in its current term (Raft §5.1, plus the PreVote phase of dissertation §9.6).</summary>
public enum RaftRole : byte
{
    Follower = 0,
    PreCandidate = 1,
    Candidate = 2,
    Leader = 3,
}

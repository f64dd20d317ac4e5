namespace Raft.Grains.Dashboard;

/// <summary>What a peer's timeline records.</summary>
public enum PeerEventKind : byte
{
    Follower = 0,
    PreCandidate,
    Candidate,
    Leader,
    Paused,
    Resumed,
}

/// <summary>
/// One change of a peer's role, term or known leader (or a pause), numbered per activation so a reader that
/// polls can tell new events from ones it has seen. <see cref="Index"/> is the peer's last log index then.
/// </summary>
[GenerateSerializer, Alias("raft.peer-event")]
public sealed record PeerEvent(long Sequence, long AtUnixMs, PeerEventKind Kind, long Term, int Leader, long Index);

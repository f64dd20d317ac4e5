namespace Raft.Core.Progress;

/// <summary>
/// The leader's view of one follower (Raft Figure 2 nextIndex/matchIndex).
/// Invariant: Match &lt; Next; Match only grows within a leader's term, unless the follower reports that its
/// disk lost what it acknowledged (<see cref="RestartAfterLoss"/>).
/// </summary>
internal sealed class FollowerProgress(long next, int maxInflight)
{
    public long Match { get; private set; }

    public long Next { get; private set; } = next;

    public ReplicationState State { get; private set; } = ReplicationState.Probe;

    /// <summary>In Probe, an Append is outstanding; wait for its answer or the next heartbeat answer.</summary>
    public bool ProbeSent { get; set; }

    /// <summary>Heard from since the last CheckQuorum round.</summary>
    public bool RecentActive { get; set; }

    public Inflights Inflights { get; } = new(maxInflight);

    public bool IsPaused => State switch
    {
        ReplicationState.Probe => ProbeSent,
        ReplicationState.Replicate => Inflights.Full,
        _ => true,
    };

    /// <summary>In Snapshot: the index of the snapshot being sent.</summary>
    public long PendingSnapshot { get; private set; }

    /// <summary>In Snapshot: the offset of the next chunk to send.</summary>
    public long SnapshotSent { get; private set; }

    /// <summary>In Snapshot: the offset the follower last said it expects.</summary>
    public long SnapshotAcked { get; private set; }

    public bool SnapshotAllSent { get; private set; }

    /// <summary>In Snapshot: leader ticks since the follower last acknowledged a chunk.</summary>
    public int SnapshotIdleTicks { get; set; }

    public void BecomeSnapshot(long snapshotIndex)
    {
        State = ReplicationState.Snapshot;
        PendingSnapshot = snapshotIndex;
        SnapshotSent = 0;
        SnapshotAcked = 0;
        SnapshotAllSent = false;
        SnapshotIdleTicks = 0;
        ProbeSent = false;
        Inflights.Reset();
    }

    public void SnapshotChunkSent(long endOffset, bool last)
    {
        SnapshotSent = endOffset;
        SnapshotAllSent = last;
    }

    /// <summary>The follower expects <paramref name="offset"/> next; on a refusal or a stall, send again from there.</summary>
    public void SnapshotAcknowledged(long offset, bool resend)
    {
        SnapshotIdleTicks = 0;
        SnapshotAcked = Math.Max(SnapshotAcked, offset);
        if (resend)
        {
            SnapshotAcked = offset;
            SnapshotSent = offset;
            SnapshotAllSent = false;
        }
    }

    public void BecomeProbe()
    {
        State = ReplicationState.Probe;
        Next = Match + 1;
        ProbeSent = false;
        Inflights.Reset();
    }

    /// <summary>The follower's log now ends at <paramref name="lastIndex"/>, below Match: probe again from there.</summary>
    public void RestartAfterLoss(long lastIndex)
    {
        Match = lastIndex;
        BecomeProbe();
    }

    public void BecomeReplicate()
    {
        State = ReplicationState.Replicate;
        Next = Match + 1;
        ProbeSent = false;
        Inflights.Reset();
    }

    /// <summary>An acknowledgement that the follower matches up to index. Returns whether Match grew.</summary>
    public bool MaybeUpdate(long index)
    {
        var updated = false;
        if (Match < index)
        {
            Match = index;
            updated = true;
            ProbeSent = false;
        }
        Next = Math.Max(Next, index + 1);
        return updated;
    }

    /// <summary>In Replicate, the leader assumes an Append will land and moves Next past it.</summary>
    public void SentUpTo(long lastIndex) => Next = lastIndex + 1;

    /// <summary>
    /// A rejection of the Append after <paramref name="rejected"/>. Backs Next up to just past the follower's
    /// hint. Returns false for a stale rejection (one answering an Append sent before a newer one).
    /// </summary>
    public bool MaybeDecreaseTo(long rejected, long hintIndex)
    {
        // An answer to an Append from before the snapshot started; the snapshot's outcome decides.
        if (State == ReplicationState.Snapshot) return false;
        if (State == ReplicationState.Replicate)
        {
            if (rejected <= Match) return false;
            Next = Match + 1;
            return true;
        }
        if (Next - 1 != rejected) return false;
        Next = Math.Max(Math.Min(rejected, hintIndex + 1), Match + 1);
        ProbeSent = false;
        return true;
    }

    public override string ToString() => State == ReplicationState.Snapshot
        ? $"{State} {PendingSnapshot} sent={SnapshotSent} acked={SnapshotAcked} match={Match}"
        : $"{State} match={Match} next={Next} inflight={Inflights.Count}";
}

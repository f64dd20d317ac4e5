using Raft.Simulator.Checking;

namespace Raft.Simulator.Runs;

/// <summary>What one seeded run saw. Exit codes tell failures apart: 1 safety, 2 liveness, 3 crash.</summary>
public sealed record SeedResult
{
    public required ulong Seed { get; init; }
    public required FaultProfile Profile { get; init; }
    public required IReadOnlyList<Violation> Violations { get; init; }
    public Exception? Crash { get; init; }
    public long Events { get; init; }
    public int Elections { get; init; }
    public long Commits { get; init; }
    public long Messages { get; init; }
    public long ReadsServed { get; init; }
    /// <summary>Client writes and answered reads in the history checked for linearizability.</summary>
    public int HistoryOperations { get; init; }
    /// <summary>The linearizability check ran out of budget: neither passed nor failed.</summary>
    public bool HistoryUnchecked { get; init; }
    public long VirtualMs { get; init; }
    /// <summary>Inputs stepped into a node while one of its Readies was being written.</summary>
    public long InputsDuringWrites { get; init; }
    /// <summary>Writes whose hard state followed their entries in a second store.</summary>
    public long TwoStoreWrites { get; init; }
    /// <summary>Writes whose entries the node had truncated by the time the write completed.</summary>
    public long OverwrittenDuringWrite { get; init; }
    /// <summary>Crashes between a write's log store and its hard-state store.</summary>
    public long TornWrites { get; init; }
    /// <summary>Crashes that lost a lazily written commit index.</summary>
    public long LostCommitUpdates { get; init; }
    /// <summary>Snapshots peers took of their state machines, and snapshots they installed from a leader.</summary>
    public long Compactions { get; init; }
    public long SnapshotInstalls { get; init; }
    /// <summary>Membership changes and leadership transfers a leader accepted.</summary>
    public long MembershipChanges { get; init; }
    public long Transfers { get; init; }
    public long CrashesDuringInstall { get; init; }

    public bool Passed => Violations.Count == 0 && Crash is null;

    public int ExitCode =>
        Crash is not null ? 3
        : Violations.Any(v => v.Property != RaftProperty.Liveness) ? 1
        : Violations.Count > 0 ? 2
        : 0;

    public string FailureText =>
        Crash is not null ? $"crash: {Crash.GetType().Name}: {Crash.Message}" : string.Join("; ", Violations);
}

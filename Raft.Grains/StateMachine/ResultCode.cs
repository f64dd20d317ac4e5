namespace Raft.Grains.StateMachine;

/// <summary>The wire code of each <see cref="CommandResult"/>. Values are recorded in sessions and snapshots: never reuse or renumber one.</summary>
public enum ResultCode : byte
{
    Written = 1,
    Deleted = 2,
    Value = 3,
    NotFound = 4,
    VersionMismatch = 5,
    QueueSuccess = 6,
    QueueFailure = 7,
    Message = 8,
    Topics = 9,
    SessionRegistered = 10,
    SessionExpired = 11,
    Invalid = 12,
}

namespace Raft.Grains.StateMachine;

/// <summary>The wire code of each <see cref="Operation"/>. Values are part of the log format: never reuse or renumber one.</summary>
public enum OperationCode : byte
{
    RegisterSession = 1,
    Put = 2,
    Cas = 3,
    Delete = 4,
    Get = 5,
    CreateTopic = 6,
    ListTopics = 7,
    PutMessage = 8,
    GetMessage = 9,
}

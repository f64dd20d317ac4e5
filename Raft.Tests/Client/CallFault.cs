namespace Raft.Tests.Client;

/// <summary>How one call to the client grain fails: on its way, as an Orleans call does when its gateway goes away, or at the grain.</summary>
internal enum CallFault
{
    /// <summary>Fails before the client grain sees the call: nothing is applied.</summary>
    BeforeArrival,

    /// <summary>The client grain applies the call, then the answer is lost.</summary>
    AnswerLost,

    /// <summary>No answer ever comes: the call waits until its token is cancelled.</summary>
    NoAnswer,

    /// <summary>The call arrives and the grain throws (as on a serializer or version mismatch).</summary>
    GrainThrows,
}

namespace Raft.Silo.GrainCalls;

/// <summary>The wire shapes of grain calls between silos (JSON on each silo's client port, under /internal).</summary>
public sealed record ProposeReplyDto(int Status, long Index, long Term, int LeaderHint, string Result);

public sealed record ReadRequestDto(string Kind, string? Key, bool Linearizable);

public sealed record ReadReplyDto(int Status, int LeaderHint, string? Result);

public static class GrainCallRoutes
{
    public const string Propose = "/internal/peers/{peerId:int}/propose";
    public const string Read = "/internal/peers/{peerId:int}/read";
    public const string Status = "/internal/peers/{peerId:int}/status";

    public static string ProposeOf(int peerId) => $"/internal/peers/{peerId}/propose";

    public static string ReadOf(int peerId) => $"/internal/peers/{peerId}/read";

    public static string StatusOf(int peerId) => $"/internal/peers/{peerId}/status";
}

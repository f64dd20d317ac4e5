namespace Raft.Tests.Http;

/// <summary>What the API answered: status, Content-Type, the body as text, and the Allow header.</summary>
internal sealed record ApiResponse(int Status, string? ContentType, string Body, IReadOnlyList<string> Allow)
{
    public override string ToString() => $"{Status} {ContentType}\n{Body}";
}

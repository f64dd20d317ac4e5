namespace Raft.Tests.Client;

/// <summary>A status and JSON body the fake cluster answers with; problem documents say so in their content type.</summary>
internal sealed record FakeResponse(int Status, string Json)
{
    public string ContentType => Status >= 400 ? "application/problem+json" : "application/json";
}

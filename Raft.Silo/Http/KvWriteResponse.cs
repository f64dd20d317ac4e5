namespace Raft.Silo.Http;

/// <summary>The body of a successful <c>PUT /kv/{key}</c> or <c>POST /kv/{key}/cas</c>: <c>{"key":"k","version":7}</c>.</summary>
public sealed record KvWriteResponse(string Key, long Version);

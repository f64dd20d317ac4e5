namespace Raft.Grains.Client;

/// <summary>A client's own name for one request (HTTP headers Raft-Client-Id and Raft-Request-Sequence).</summary>
[GenerateSerializer, Alias("raft.client-request-id")]
public readonly record struct ClientRequestId(string ClientId, long Sequence);

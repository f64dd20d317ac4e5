namespace Raft.Client.Results;

/// <summary>One silo's own view (<c>status --node</c>): the role and term of the first peer it hosts.</summary>
internal sealed record NodeStatus(string Role, long Term);

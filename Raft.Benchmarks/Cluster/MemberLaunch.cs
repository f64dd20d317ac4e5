namespace Raft.Benchmarks.Cluster;

/// <summary>How a member's process was started: its command line and working directory (the silos' is relative to the repository).</summary>
internal sealed record MemberLaunch(IReadOnlyList<string> Arguments, string WorkingDirectory);

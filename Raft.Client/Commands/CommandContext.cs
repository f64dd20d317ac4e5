using System.CommandLine;
using Raft.Client.Cluster;
using Raft.Client.Output;

namespace Raft.Client.Commands;

/// <summary>What a command's body gets: the cluster session, where to write, the parsed line and the Ctrl-C token.</summary>
internal sealed record CommandContext(ClusterSession Cluster, CommandOutput Output, ClientConsole Console, ParseResult Parse, CancellationToken Cancellation);

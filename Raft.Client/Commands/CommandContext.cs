using System.CommandLine;
using Raft.Client.Api;
using Raft.Client.Output;

namespace Raft.Client.Commands;

/// <summary>What a command's body gets: the API, where to write, the parsed line and the Ctrl-C token.</summary>
internal sealed record CommandContext(ApiClient Api, CommandOutput Output, ClientConsole Console, ParseResult Parse, CancellationToken Cancellation);

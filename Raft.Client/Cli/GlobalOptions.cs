using System.CommandLine;
using Raft.Client.Commands;

namespace Raft.Client.Cli;

/// <summary>The options every command accepts, anywhere on the line (they are recursive).</summary>
internal sealed class GlobalOptions
{
    /// <summary>The gateway of a silo started with no options (Raft.Silo's default GatewayAddress).</summary>
    public const string DefaultGateway = "127.0.0.1:30000";
    public const string GatewaysVariable = "RAFT_GATEWAYS";

    /// <summary>The silos' default cluster id (Raft.Silo's default ClusterId).</summary>
    public const string DefaultClusterId = "raft";

    public GlobalOptions(Func<string, string?> getEnvironmentVariable)
    {
        Gateways = new Option<string>("--gateways", "-g")
        {
            Description = $"Comma-separated Orleans gateways of the silos; the default comes from ${GatewaysVariable} when set",
            HelpName = "HOST:PORT,...",
            Recursive = true,
            DefaultValueFactory = _ => getEnvironmentVariable(GatewaysVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultGateway,
        };
        ClusterFile = new Option<string?>("--cluster-file")
        {
            Description = "Take the gateways from the silos' cluster file: each address's gateway_port, else internal_port + 1000",
            HelpName = "FILE",
            Recursive = true,
        };
        ClusterId = new Option<string>("--cluster-id")
        {
            Description = "The Orleans cluster id the silos run under",
            HelpName = "ID",
            Recursive = true,
            DefaultValueFactory = _ => DefaultClusterId,
        };
        ClusterId.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>())) result.AddError("--cluster-id must not be empty");
        });
        Json = new Option<bool>("--json")
        {
            Description = "Print results as JSON, one document per result",
            Recursive = true,
        };
        TimeoutSeconds = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the cluster: to connect, then for each request, retries included",
            HelpName = "SECONDS",
            Recursive = true,
            DefaultValueFactory = _ => 10,
        }.Check(seconds => seconds is > 0 and <= 3600, "--timeout must be between 0 and 3600 seconds");
    }

    public Option<string> Gateways { get; }

    public Option<string?> ClusterFile { get; }

    public Option<string> ClusterId { get; }

    public Option<bool> Json { get; }

    public Option<double> TimeoutSeconds { get; }

    public IEnumerable<Option> All => [Gateways, ClusterFile, ClusterId, Json, TimeoutSeconds];
}

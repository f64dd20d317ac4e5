using System.CommandLine;

namespace Raft.Client.Cli;

/// <summary>The options every command accepts, anywhere on the line (they are recursive).</summary>
internal sealed class GlobalOptions
{
    public const string DefaultEndpoint = "http://127.0.0.1:8080";
    public const string EndpointsVariable = "RAFT_ENDPOINTS";

    public GlobalOptions(Func<string, string?> getEnvironmentVariable)
    {
        Endpoints = new Option<string>("--endpoints", "-e")
        {
            Description = $"Comma-separated silo URLs to try in order; the default comes from ${EndpointsVariable} when set",
            HelpName = "URL,URL,...",
            Recursive = true,
            DefaultValueFactory = _ => getEnvironmentVariable(EndpointsVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultEndpoint,
        };
        Json = new Option<bool>("--json")
        {
            Description = "Print results as JSON, one document per result",
            Recursive = true,
        };
        TimeoutSeconds = new Option<double>("--timeout")
        {
            Description = "Seconds one endpoint may take before the next is tried",
            HelpName = "SECONDS",
            Recursive = true,
            DefaultValueFactory = _ => 10,
        };
        TimeoutSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and <= 3600)) result.AddError("--timeout must be between 0 and 3600 seconds");
        });
    }

    public Option<string> Endpoints { get; }

    public Option<bool> Json { get; }

    public Option<double> TimeoutSeconds { get; }

    public IEnumerable<Option> All => [Endpoints, Json, TimeoutSeconds];
}

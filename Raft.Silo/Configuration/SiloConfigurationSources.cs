using System.Collections;
using Microsoft.Extensions.Configuration;

namespace Raft.Silo.Configuration;

/// <summary>
/// Adds the silo's own configuration sources on top of the generic host's (appsettings.json, then
/// environment variables such as <c>Raft__Storage__Provider</c>): <c>RAFT_</c> environment variables and
/// the short command-line flags, which win over everything before them.
/// </summary>
public static class SiloConfigurationSources
{
    /// <summary>Short flags of the seeds' spawners and of this silo, mapped to option keys.</summary>
    public static IReadOnlyDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--cluster-file"] = "Raft:ClusterFile",
        ["--member"] = "Raft:Member",
        ["--data-dir"] = "Raft:Storage:DataDirectory",
        ["--name"] = "Raft:Name",
        ["--client-url"] = "Raft:ClientUrl",
        ["--silo-address"] = "Raft:SiloAddress",
        ["--gateway-address"] = "Raft:GatewayAddress",
        ["--storage"] = "Raft:Storage:Provider",
        ["--connection-string"] = "Raft:Storage:ConnectionString",
        ["--line-port"] = "Raft:LinePort",
        ["--initial-voters"] = "Raft:InitialVoters",
    };

    public static void Add(IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(args);
        configuration.AddInMemoryCollection(FromRaftEnvironment(Environment.GetEnvironmentVariables()));
        CheckFlags(args);
        try
        {
            configuration.AddCommandLine(args, SwitchMappings.ToDictionary(StringComparer.OrdinalIgnoreCase));
        }
        catch (FormatException e)
        {
            throw new SiloOptionsException($"bad command line: {e.Message}", e);
        }
    }

    /// <summary>
    /// A mistyped flag would otherwise be ignored silently (configuration accepts any key), so only the
    /// short flags and full configuration keys (<c>--Raft:Timing:TickIntervalMs=50</c>) are allowed.
    /// </summary>
    public static void CheckFlags(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            // A negative number is a value (--member -1 is out of range, not an unknown flag).
            if (!arg.StartsWith('-') || long.TryParse(arg, System.Globalization.CultureInfo.InvariantCulture, out _)) continue;
            var flag = arg.Split('=', 2)[0];
            if (SwitchMappings.ContainsKey(flag) || (flag.StartsWith("--", StringComparison.Ordinal) && flag.Contains(':', StringComparison.Ordinal))) continue;
            throw new SiloOptionsException($"unknown flag '{flag}'; use {string.Join(", ", SwitchMappings.Keys)} or --Section:Key=value");
        }
    }

    /// <summary>
    /// <c>RAFT_STORAGE__DATA_DIRECTORY=x</c> becomes <c>Raft:STORAGE:DATADIRECTORY=x</c>: "__" separates
    /// sections as usual, and single underscores are dropped so SHOUTY_SNAKE names match the options
    /// (configuration keys ignore case).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> FromRaftEnvironment(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        const string Prefix = "RAFT_";
        foreach (DictionaryEntry variable in variables)
        {
            if (variable.Key is not string name || !name.StartsWith(Prefix, StringComparison.Ordinal) || name.Length == Prefix.Length) continue;
            var sections = name[Prefix.Length..].Split("__").Select(section => section.Replace("_", "", StringComparison.Ordinal));
            yield return new($"{SiloOptions.SectionName}:{string.Join(':', sections)}", variable.Value as string);
        }
    }
}

using System.Globalization;
using System.Reflection;

namespace Raft.Silo.Storage;

/// <summary>
/// The versioned schema scripts of one SQL dialect, read from the resources the build embeds from
/// deploy/sql/&lt;dialect&gt;/NNN_name.sql (see Raft.Silo.csproj): the files are the one source of truth.
/// </summary>
internal static class SchemaScripts
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>The cluster file the local silos share: Orleans membership and reminders.</summary>
    public const string SqliteCluster = "sqlite-cluster";

    /// <summary>One script: its version (the file's number prefix), file name and SQL text.</summary>
    public sealed record Script(int Version, string Name, string Sql);

    /// <summary>The dialect's scripts in version order.</summary>
    /// <exception cref="InvalidOperationException">no scripts are embedded, or two share a version.</exception>
    public static IReadOnlyList<Script> For(string dialect)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"sql/{dialect}/";
        var scripts = assembly.GetManifestResourceNames()
            .Select(name => name.Replace('\\', '/'))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name, name[prefix.Length..]))
            .OrderBy(script => script.Version)
            .ToList();
        if (scripts.Count == 0)
            throw new InvalidOperationException($"no schema scripts for {dialect} are embedded in {assembly.GetName().Name}");
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
                throw new InvalidOperationException($"schema scripts {scripts[i - 1].Name} and {scripts[i].Name} share version {scripts[i].Version}");
        }
        return scripts;
    }

    private static Script Read(Assembly assembly, string resourceName, string fileName)
    {
        var digits = fileName.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || fileName[digits] != '_')
            throw new InvalidOperationException($"schema script {fileName} must be named NNN_description.sql");
        var version = int.Parse(fileName.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"schema script resource {resourceName} is missing");
        using var reader = new StreamReader(stream);
        return new Script(version, fileName, reader.ReadToEnd());
    }
}

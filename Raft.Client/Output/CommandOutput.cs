using System.Text.Json;

namespace Raft.Client.Output;

/// <summary>
/// Writes results to stdout (text, or one JSON document per result with --json) and errors to stderr as
/// exactly one line (with --json, a one-line JSON object <c>{"error":code,"message":...}</c>).
/// </summary>
internal sealed class CommandOutput
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;

    public CommandOutput(TextWriter output, TextWriter error, bool json)
    {
        _out = output;
        _error = error;
        Json = json;
    }

    public bool Json { get; }

    public TextWriter Out => _out;

    /// <summary>Writes <paramref name="text"/> in text mode, <paramref name="result"/> as JSON in --json mode.</summary>
    public void Result<T>(T result, string text)
    {
        if (Json) WriteJson(result);
        else _out.WriteLine(text);
    }

    /// <summary>Writes several lines of text, or <paramref name="result"/> as JSON.</summary>
    public void Result<T>(T result, IEnumerable<string> lines)
    {
        if (Json) WriteJson(result);
        else foreach (var line in lines) _out.WriteLine(line);
    }

    public void WriteJson<T>(T result) => _out.WriteLine(JsonSerializer.Serialize(result, OutputJson.Options));

    public void Error(string code, string message)
    {
        var oneLine = OneLine(message);
        if (Json) _error.WriteLine(JsonSerializer.Serialize(new { error = code, message = oneLine }, OutputJson.Options));
        else _error.WriteLine($"ERR {code}: {oneLine}");
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

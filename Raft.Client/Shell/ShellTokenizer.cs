using System.Text;

namespace Raft.Client.Shell;

/// <summary>
/// Splits a shell line into arguments the way a POSIX shell would for simple cases: whitespace separates,
/// "double" and 'single' quotes group (so values may hold spaces), a backslash escapes the next character
/// outside single quotes. An unterminated quote is a usage error.
/// </summary>
internal static class ShellTokenizer
{
    public static IReadOnlyList<string> Split(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quote is not null)
            {
                if (ch == quote) quote = null;
                else if (ch == '\\' && quote == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\') current.Append(line[++i]);
                else current.Append(ch);
                continue;
            }
            if (char.IsWhiteSpace(ch))
            {
                if (inToken) tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
                continue;
            }
            inToken = true;
            if (ch is '"' or '\'') quote = ch;
            else if (ch == '\\' && i + 1 < line.Length) current.Append(line[++i]);
            else current.Append(ch);
        }
        if (quote is not null) throw new FormatException($"unterminated {quote} quote");
        if (inToken) tokens.Add(current.ToString());
        return tokens;
    }
}

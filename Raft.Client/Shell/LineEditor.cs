using System.Text;

namespace Raft.Client.Shell;

/// <summary>
/// A small line editor for the interactive shell: typing, Backspace/Delete, Left/Right, Home/End (and
/// Ctrl-A/Ctrl-E), Up/Down through <see cref="CommandHistory"/>, Ctrl-U to clear, Enter to accept, Ctrl-D on
/// an empty line for end of input. It redraws the whole line after each key (carriage return, prompt, text,
/// erase to end of line, cursor back), which every ANSI terminal understands and which keeps it simple.
/// Keys come from a function so tests can type.
/// </summary>
internal sealed class LineEditor
{
    private const string EraseToEndOfLine = "\u001b[K";

    private readonly Func<ConsoleKeyInfo> _readKey;
    private readonly TextWriter _out;
    private readonly CommandHistory _history;

    public LineEditor(Func<ConsoleKeyInfo> readKey, TextWriter output, CommandHistory history)
    {
        _readKey = readKey;
        _out = output;
        _history = history;
    }

    /// <summary>Reads one line; null at end of input (Ctrl-D on an empty line).</summary>
    public string? ReadLine(string prompt)
    {
        var buffer = new StringBuilder();
        var cursor = 0;
        // Browsing position: _history.Lines.Count means "the line being typed", kept in draft while browsing.
        var browse = _history.Lines.Count;
        var draft = "";
        _out.Write(prompt);
        _out.Flush();
        while (true)
        {
            var key = _readKey();
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    _out.WriteLine();
                    return buffer.ToString();
                case ConsoleKey.D when control:
                    if (buffer.Length > 0) break;
                    _out.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    buffer.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < buffer.Length:
                    buffer.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < buffer.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    cursor = buffer.Length;
                    break;
                case ConsoleKey.U when control:
                    buffer.Clear();
                    cursor = 0;
                    break;
                case ConsoleKey.UpArrow when browse > 0:
                    if (browse == _history.Lines.Count) draft = buffer.ToString();
                    Replace(buffer, _history.Lines[--browse], ref cursor);
                    break;
                case ConsoleKey.DownArrow when browse < _history.Lines.Count:
                    browse++;
                    Replace(buffer, browse == _history.Lines.Count ? draft : _history.Lines[browse], ref cursor);
                    break;
                default:
                    if (key.KeyChar >= ' ' && !control)
                    {
                        buffer.Insert(cursor++, key.KeyChar);
                    }
                    break;
            }
            Redraw(prompt, buffer, cursor);
        }
    }

    private static void Replace(StringBuilder buffer, string text, ref int cursor)
    {
        buffer.Clear().Append(text);
        cursor = buffer.Length;
    }

    private void Redraw(string prompt, StringBuilder buffer, int cursor)
    {
        _out.Write('\r');
        _out.Write(prompt);
        _out.Write(buffer);
        _out.Write(EraseToEndOfLine);
        var back = buffer.Length - cursor;
        if (back > 0) _out.Write($"\u001b[{back}D");
        _out.Flush();
    }
}

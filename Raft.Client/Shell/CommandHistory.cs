namespace Raft.Client.Shell;

/// <summary>The shell's past lines, oldest first, bounded; a line equal to the one before is not stored twice.</summary>
internal sealed class CommandHistory
{
    public const int Capacity = 500;

    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || (_lines.Count > 0 && _lines[^1] == line)) return;
        if (_lines.Count == Capacity) _lines.RemoveAt(0);
        _lines.Add(line);
    }
}

namespace Raft.Silo.LineProtocol;

/// <summary>One unit the parser took off the wire: a command to run, or an error to answer with ERR_CMD_ERR.</summary>
public readonly record struct LineParseResult
{
    private LineParseResult(LineCommand? command, LineCommandError error)
    {
        Command = command;
        Error = error;
    }

    /// <summary>The command, or null when <see cref="Error"/> is set.</summary>
    public LineCommand? Command { get; }

    public LineCommandError Error { get; }

    /// <summary>After answering, the server closes the connection: what follows is too large to skip.</summary>
    public bool ClosesConnection => Error == LineCommandError.ValueTooLargeToSkip;

    public static LineParseResult Of(LineCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(command, LineCommandError.None);
    }

    public static LineParseResult Refused(LineCommandError error)
    {
        if (error == LineCommandError.None) throw new ArgumentOutOfRangeException(nameof(error), error, "A refusal needs a reason.");
        return new(null, error);
    }
}

namespace Raft.Silo.LineProtocol;

/// <summary>Why a command was refused. The client sees ERR_CMD_ERR for all of them; the log names the reason.</summary>
public enum LineCommandError
{
    None = 0,

    /// <summary>A line with no tokens.</summary>
    EmptyLine,

    /// <summary>The first token is not write, read, cas or delete (verbs are lower case).</summary>
    UnknownVerb,

    /// <summary>Too few or too many arguments for the verb.</summary>
    WrongArgumentCount,

    /// <summary>Name too long, not UTF-8, or holding a control character.</summary>
    BadName,

    /// <summary>numbytes is not a non-negative integer.</summary>
    BadNumBytes,

    /// <summary>A cas version is not a non-negative 64-bit integer.</summary>
    BadVersion,

    /// <summary>exptime is not a non-negative integer of at most <see cref="LineCommandParser.MaxExpirySeconds"/>.</summary>
    BadExpiry,

    /// <summary>More than MaxLineBytes before the line ending; the rest of the line is discarded.</summary>
    LineTooLong,

    /// <summary>numbytes above MaxValueBytes; the payload is skipped without being stored.</summary>
    ValueTooLarge,

    /// <summary>numbytes above MaxDiscardBytes; the server answers and closes the connection.</summary>
    ValueTooLargeToSkip,

    /// <summary>The numbytes of payload were not followed by \r\n; the rest of that line is discarded.</summary>
    PayloadNotTerminated,
}

using System.Buffers;
using System.Diagnostics;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// Turns the bytes of one connection into commands, one unit at a time, with no I/O: feed it whatever has
/// arrived, in pieces of any size, and it takes what it can. It keeps state between calls (one parser per
/// connection) because a payload or a discarded line may span many reads.
/// </summary>
/// <remarks>
/// Grammar, each line ending in \r\n (a bare \n is accepted on command lines, for netcat without -C):
/// <code>
/// write &lt;name&gt; &lt;numbytes&gt; [&lt;exptime&gt;]\r\n&lt;bytes&gt;\r\n
/// read &lt;name&gt;\r\n
/// cas &lt;name&gt; &lt;version&gt; &lt;numbytes&gt; [&lt;exptime&gt;]\r\n&lt;bytes&gt;\r\n
/// delete &lt;name&gt;\r\n
/// </code>
/// Tokens are separated by runs of spaces or tabs. Resynchronization after bad input:
/// <list type="bullet">
/// <item>A bad command line is refused and parsing resumes at the next line.</item>
/// <item>When a write or cas line has a well-formed numbytes, its payload is consumed even if another field
/// is bad, so that payload bytes are never run as commands (a value holding "delete x\r\n" stays a value).</item>
/// <item>numbytes above MaxValueBytes is refused from the header alone; up to MaxDiscardBytes the payload is
/// skipped as it streams in, never buffered; above that the result says to close the connection.</item>
/// <item>A payload not followed by \r\n is refused and the rest of that line discarded.</item>
/// <item>A line longer than MaxLineBytes is refused as soon as that is known, and discarded up to the next \n.</item>
/// </list>
/// </remarks>
public sealed class LineCommandParser
{
    /// <summary>Largest exptime accepted: about 68 years, small enough that any clock arithmetic on it is safe.</summary>
    public const long MaxExpirySeconds = int.MaxValue;

    /// <summary>The longest command is cas with exptime; one more slot tells "too many" apart.</summary>
    private const int MaxTokens = 5;

    private readonly LineProtocolOptions _options;

    /// <summary>Holds a command line that arrived split across buffer segments; MaxLineBytes + \r\n long.</summary>
    private readonly byte[] _lineScratch;

    private State _state = State.Line;

    /// <summary>The header of the write or cas whose payload is being read (state Payload or PayloadEnd).</summary>
    private Header _header;

    /// <summary>Exactly numbytes long, allocated only after numbytes passed the MaxValueBytes check.</summary>
    private byte[] _payload = [];

    private int _payloadFilled;

    /// <summary>Bytes of a refused payload still to skip (state Skip).</summary>
    private long _skipRemaining;

    public LineCommandParser(LineProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _lineScratch = new byte[options.MaxLineBytes + 2];
    }

    private enum State
    {
        /// <summary>At the start of a command line.</summary>
        Line,

        /// <summary>Copying the payload of a valid write or cas.</summary>
        Payload,

        /// <summary>Expecting the \r\n after a payload.</summary>
        PayloadEnd,

        /// <summary>Skipping the payload of a refused write or cas.</summary>
        Skip,

        /// <summary>Expecting the \r\n after a skipped payload; anything else is discarded silently (the refusal was already answered).</summary>
        SkipEnd,

        /// <summary>Dropping bytes up to and including the next \n.</summary>
        DiscardLine,
    }

    private enum Step
    {
        NeedMoreData,
        Continue,
        Produced,
    }

    private enum LineEnd
    {
        NeedMoreData,
        Present,
        Missing,
    }

    /// <summary>True while a valid command's payload is partly read: the connection ending now cuts a command short.</summary>
    public bool IsMidCommand => _state is State.Payload or State.PayloadEnd;

    /// <summary>
    /// Takes the next command or refusal from the front of <paramref name="buffer"/>, advancing it past every
    /// byte used. Returns false when more bytes are needed; the buffer may still have been advanced (payload
    /// and discarded bytes are consumed as they arrive, so the caller never has to hold them).
    /// </summary>
    public bool TryReadNext(ref ReadOnlySequence<byte> buffer, out LineParseResult result)
    {
        while (true)
        {
            result = default;
            var step = _state switch
            {
                State.Line => ReadLine(ref buffer, out result),
                State.Payload => ReadPayload(ref buffer),
                State.PayloadEnd => ReadPayloadEnd(ref buffer, out result),
                State.Skip => Skip(ref buffer),
                State.SkipEnd => SkipEnd(ref buffer),
                State.DiscardLine => DiscardLine(ref buffer),
                _ => throw new UnreachableException($"parser state {_state}"),
            };
            if (step == Step.Produced) return true;
            if (step == Step.NeedMoreData) return false;
        }
    }

    private Step ReadLine(ref ReadOnlySequence<byte> buffer, out LineParseResult result)
    {
        result = default;
        if (buffer.IsEmpty) return Step.NeedMoreData;
        // Look no further than the longest allowed line plus \r\n: a longer line is refused without buffering it.
        var windowBytes = _options.MaxLineBytes + 2;
        var window = buffer.Length > windowBytes ? buffer.Slice(0, windowBytes) : buffer;
        var newline = window.PositionOf((byte)'\n');
        if (newline is null)
        {
            if (window.Length < windowBytes) return Step.NeedMoreData;
            buffer = buffer.Slice(window.End);
            _state = State.DiscardLine;
            result = LineParseResult.Refused(LineCommandError.LineTooLong);
            return Step.Produced;
        }
        var line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        ReadOnlySpan<byte> span;
        if (line.IsSingleSegment)
        {
            span = line.FirstSpan;
        }
        else
        {
            line.CopyTo(_lineScratch);
            span = _lineScratch.AsSpan(0, (int)line.Length);
        }
        if (!span.IsEmpty && span[^1] == (byte)'\r') span = span[..^1];
        if (span.Length > _options.MaxLineBytes)
        {
            result = LineParseResult.Refused(LineCommandError.LineTooLong);
            return Step.Produced;
        }
        return ParseLine(span, out result);
    }

    private Step ParseLine(ReadOnlySpan<byte> line, out LineParseResult result)
    {
        Span<Range> tokens = stackalloc Range[MaxTokens + 1];
        var count = LineFields.Tokenize(line, tokens);
        if (count == 0)
        {
            result = LineParseResult.Refused(LineCommandError.EmptyLine);
            return Step.Produced;
        }
        var verb = line[tokens[0]];
        if (verb.SequenceEqual("write"u8)) return ParseStore(line, tokens[..count], isCas: false, out result);
        if (verb.SequenceEqual("cas"u8)) return ParseStore(line, tokens[..count], isCas: true, out result);
        var isRead = verb.SequenceEqual("read"u8);
        if (!isRead && !verb.SequenceEqual("delete"u8))
        {
            result = LineParseResult.Refused(LineCommandError.UnknownVerb);
            return Step.Produced;
        }
        if (count != 2)
        {
            result = LineParseResult.Refused(LineCommandError.WrongArgumentCount);
        }
        else if (!LineFields.TryParseName(line[tokens[1]], _options.MaxNameBytes, out var name))
        {
            result = LineParseResult.Refused(LineCommandError.BadName);
        }
        else
        {
            result = LineParseResult.Of(isRead ? new LineCommand.Read(name) : new LineCommand.Delete(name));
        }
        return Step.Produced;
    }

    /// <summary>write and cas: check the header, then either start reading the payload or refuse and skip it.</summary>
    private Step ParseStore(ReadOnlySpan<byte> line, ReadOnlySpan<Range> tokens, bool isCas, out LineParseResult result)
    {
        var numBytesAt = isCas ? 3 : 2;
        var exptimeAt = numBytesAt + 1;
        long? numBytes = tokens.Length > numBytesAt && LineFields.TryParseNumBytes(line[tokens[numBytesAt]], out var parsed) ? parsed : null;

        var error = LineCommandError.None;
        string name = "";
        long expectedVersion = 0;
        TimeSpan? timeToLive = null;
        if (tokens.Length <= numBytesAt || tokens.Length > exptimeAt + 1) error = LineCommandError.WrongArgumentCount;
        else if (numBytes is null) error = LineCommandError.BadNumBytes;
        else if (!LineFields.TryParseName(line[tokens[1]], _options.MaxNameBytes, out name)) error = LineCommandError.BadName;
        else if (isCas && !LineFields.TryParseNumber(line[tokens[2]], long.MaxValue, out expectedVersion)) error = LineCommandError.BadVersion;
        else if (tokens.Length > exptimeAt)
        {
            if (!LineFields.TryParseNumber(line[tokens[exptimeAt]], MaxExpirySeconds, out var seconds)) error = LineCommandError.BadExpiry;
            else if (seconds > 0) timeToLive = TimeSpan.FromSeconds(seconds);
        }

        if (numBytes is not { } length)
        {
            // Without a length there is no telling where a payload would end: resynchronize at the next line.
            result = LineParseResult.Refused(error);
            return Step.Produced;
        }
        if (error == LineCommandError.None && length > _options.MaxValueBytes) error = LineCommandError.ValueTooLarge;
        if (error != LineCommandError.None)
        {
            result = BeginSkip(length, error);
            return Step.Produced;
        }
        _header = new Header(isCas, name, expectedVersion, timeToLive);
        _payload = length == 0 ? [] : new byte[length];
        _payloadFilled = 0;
        _state = State.Payload;
        result = default;
        return Step.Continue;
    }

    private LineParseResult BeginSkip(long length, LineCommandError error)
    {
        // Skipping costs bandwidth, not memory, but there is no point reading gigabytes for nothing.
        if (length > _options.MaxDiscardBytes) return LineParseResult.Refused(LineCommandError.ValueTooLargeToSkip);
        _skipRemaining = length;
        _state = State.Skip;
        return LineParseResult.Refused(error);
    }

    private Step ReadPayload(ref ReadOnlySequence<byte> buffer)
    {
        var wanted = _payload.Length - _payloadFilled;
        if (wanted > 0)
        {
            if (buffer.IsEmpty) return Step.NeedMoreData;
            var take = (int)Math.Min(buffer.Length, wanted);
            buffer.Slice(0, take).CopyTo(_payload.AsSpan(_payloadFilled));
            _payloadFilled += take;
            buffer = buffer.Slice(take);
            if (_payloadFilled < _payload.Length) return Step.NeedMoreData;
        }
        _state = State.PayloadEnd;
        return Step.Continue;
    }

    private Step ReadPayloadEnd(ref ReadOnlySequence<byte> buffer, out LineParseResult result)
    {
        result = default;
        var end = TakeLineEnd(ref buffer);
        if (end == LineEnd.NeedMoreData) return Step.NeedMoreData;
        var value = _payload;
        _payload = [];
        if (end == LineEnd.Missing)
        {
            _state = State.DiscardLine;
            result = LineParseResult.Refused(LineCommandError.PayloadNotTerminated);
            return Step.Produced;
        }
        _state = State.Line;
        var header = _header;
        _header = default;
        result = LineParseResult.Of(header.IsCas
            ? new LineCommand.Cas(header.Name, header.ExpectedVersion, value, header.TimeToLive)
            : new LineCommand.Write(header.Name, value, header.TimeToLive));
        return Step.Produced;
    }

    private Step Skip(ref ReadOnlySequence<byte> buffer)
    {
        if (_skipRemaining > 0)
        {
            if (buffer.IsEmpty) return Step.NeedMoreData;
            var take = Math.Min(buffer.Length, _skipRemaining);
            buffer = buffer.Slice(take);
            _skipRemaining -= take;
            if (_skipRemaining > 0) return Step.NeedMoreData;
        }
        _state = State.SkipEnd;
        return Step.Continue;
    }

    private Step SkipEnd(ref ReadOnlySequence<byte> buffer)
    {
        var end = TakeLineEnd(ref buffer);
        if (end == LineEnd.NeedMoreData) return Step.NeedMoreData;
        _state = end == LineEnd.Present ? State.Line : State.DiscardLine;
        return Step.Continue;
    }

    private Step DiscardLine(ref ReadOnlySequence<byte> buffer)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            buffer = buffer.Slice(buffer.End);
            return Step.NeedMoreData;
        }
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        _state = State.Line;
        return Step.Continue;
    }

    /// <summary>Consumes \r\n if it is next; leaves the buffer alone when it is not, for DiscardLine to resynchronize on.</summary>
    private static LineEnd TakeLineEnd(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var first)) return LineEnd.NeedMoreData;
        if (first != (byte)'\r') return LineEnd.Missing;
        if (!reader.TryRead(out var second)) return LineEnd.NeedMoreData;
        if (second != (byte)'\n') return LineEnd.Missing;
        buffer = buffer.Slice(2);
        return LineEnd.Present;
    }

    /// <summary>A write or cas line that passed every check; its payload comes next.</summary>
    private readonly record struct Header(bool IsCas, string Name, long ExpectedVersion, TimeSpan? TimeToLive);
}

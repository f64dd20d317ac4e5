using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves every result survives encode and decode unchanged (the HTTP API decodes what Apply encoded) and
/// that truncated or unknown result bytes are refused rather than misread.
/// </summary>
public sealed class ResultCodecTests
{
    private static readonly CommandResult[] _everyResult =
    [
        new CommandResult.Written(17),
        new CommandResult.Deleted(),
        new CommandResult.Value("v ✓", 17, null),
        new CommandResult.Value("", 3, 1_700_000_030_000),
        new CommandResult.NotFound(),
        new CommandResult.VersionMismatch(0),
        new CommandResult.VersionMismatch(12),
        new CommandResult.QueueSuccess(),
        new CommandResult.QueueFailure("topic exists"),
        new CommandResult.Message("hello"),
        new CommandResult.Topics([]),
        new CommandResult.Topics(["b", "a", "ü"]),
        new CommandResult.SessionRegistered(5),
        new CommandResult.SessionExpired(),
        new CommandResult.Invalid("stale sequence"),
    ];

    [Fact]
    public void EveryResult_RoundTrips()
    {
        foreach (var result in _everyResult)
        {
            var bytes = ResultCodec.Encode(result);
            Assert.Equal(ResultCodec.GetEncodedLength(result), bytes.Length);
            Assert.Equal(result, ResultCodec.Decode(bytes));
        }
    }

    [Fact]
    public void Topics_CompareByNamesInOrder()
    {
        Assert.Equal(new CommandResult.Topics(["a", "b"]), new CommandResult.Topics(new List<string> { "a", "b" }));
        Assert.NotEqual(new CommandResult.Topics(["a", "b"]), new CommandResult.Topics(["b", "a"]));
    }

    [Fact]
    public void EveryTruncation_AndUnknownCodes_AreRefused()
    {
        foreach (var result in _everyResult)
        {
            var bytes = ResultCodec.Encode(result);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.False(ResultCodec.TryDecode(bytes.AsSpan(0, length), out _, out _));
            }
            Assert.Throws<MalformedDataException>(() => ResultCodec.Decode([.. bytes, 0]));
        }
        Assert.Throws<MalformedDataException>(() => ResultCodec.Decode([ResultCodec.Version, 0]));
        Assert.Throws<MalformedDataException>(() => ResultCodec.Decode([2, (byte)ResultCode.Deleted]));
        // A topic count far beyond the bytes present is refused before anything is allocated for it.
        Assert.Throws<MalformedDataException>(() => ResultCodec.Decode([ResultCodec.Version, (byte)ResultCode.Topics, 0xFF, 0xFF, 0xFF, 0x7F]));
    }
}

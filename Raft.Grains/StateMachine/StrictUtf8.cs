using System.Text;

namespace Raft.Grains.StateMachine;

/// <summary>
/// UTF-8 that throws on invalid input instead of substituting U+FFFD. Substitution would let two different
/// byte strings decode to the same key, and a lone surrogate would not survive a round trip.
/// </summary>
internal static class StrictUtf8
{
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The UTF-8 length of <paramref name="text"/>, or -1 when it is not valid Unicode (a lone surrogate).</summary>
    public static int ByteCountOrMinusOne(string text)
    {
        try
        {
            return Encoding.GetByteCount(text);
        }
        catch (EncoderFallbackException)
        {
            return -1;
        }
    }
}

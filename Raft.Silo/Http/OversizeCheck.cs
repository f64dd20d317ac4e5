using System.Globalization;
using System.Text;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// Which text of an operation is over its <see cref="StateMachineLimits"/> size. CommandValidator refuses the
/// same commands but with one reason for every rule; the API answers oversize with 413 and other breaches
/// with 400, so it asks this first.
/// </summary>
internal static class OversizeCheck
{
    /// <summary>The detail for a 413, or null when every text fits.</summary>
    public static string? Find(Operation operation, StateMachineLimits limits) => operation switch
    {
        Operation.Put put => Over("key", put.Key, limits.MaxKeyBytes) ?? Over("value", put.Value, limits.MaxValueBytes),
        Operation.Cas cas => Over("key", cas.Key, limits.MaxKeyBytes) ?? Over("value", cas.Value, limits.MaxValueBytes),
        Operation.Delete delete => Over("key", delete.Key, limits.MaxKeyBytes),
        Operation.Get get => Over("key", get.Key, limits.MaxKeyBytes),
        Operation.CreateTopic create => Over("topic", create.Topic, limits.MaxTopicBytes),
        Operation.PutMessage put => Over("topic", put.Topic, limits.MaxTopicBytes) ?? Over("message", put.Message, limits.MaxMessageBytes),
        Operation.GetMessage get => Over("topic", get.Topic, limits.MaxTopicBytes),
        _ => null,
    };

    // Encoding.UTF8 counts a lone surrogate as the 3-byte replacement; the validator reports it separately.
    private static string? Over(string what, string text, int maxBytes) =>
        text.Length > maxBytes || Encoding.UTF8.GetByteCount(text) > maxBytes
            ? $"{what} is over {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes of UTF-8"
            : null;
}

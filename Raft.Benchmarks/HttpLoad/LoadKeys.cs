using System.Globalization;

namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// The comparison's keys and value: 16-byte ASCII keys, a 256-byte ASCII value (the same bytes in ours and,
/// base64-encoded on the wire only, in etcd). Puts take fresh keys from a counter, so no put overwrites;
/// gets read a fixed set written before the load.
/// </summary>
internal static class LoadKeys
{
    public const int KeyBytes = 16;
    public const int ValueBytes = 256;

    /// <summary>How many keys the get load reads, round robin.</summary>
    public const int ReadKeyCount = 1_000;

    /// <summary>One value for every put: the benchmark measures the cluster, not a random number generator.</summary>
    public static readonly string Value = new('v', ValueBytes);

    /// <summary>The key of the <paramref name="n"/>th put: "put-" and 12 digits.</summary>
    public static string Put(long n) => Numbered("put-", n);

    /// <summary>The <paramref name="n"/>th of the keys the get load reads: "get-" and 12 digits.</summary>
    public static string Read(long n) => Numbered("get-", n % ReadKeyCount);

    private static string Numbered(string prefix, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 999_999_999_999);
        return prefix + n.ToString("D12", CultureInfo.InvariantCulture);
    }
}

namespace Raft.Silo.Storage;

/// <summary>
/// Fresh ETags for the Orleans tables. Random rather than counted: a counter restarts when a row is deleted
/// and written again, and a writer holding an ETag from before the delete would then match the new row.
/// </summary>
internal static class RandomETag
{
    public static string New() => Guid.NewGuid().ToString("N");
}

using System.Net;
using Microsoft.Data.Sqlite;

namespace Raft.Silo.Clustering;

/// <summary>
/// How a <see cref="MembershipEntry"/> maps onto a row of the membership table (deploy/sql/sqlite-cluster/
/// 001_membership.sql): every field, so a row reads back equal to the entry written. Times are stored as
/// ticks and read back as UTC, the kind Orleans writes them in.
/// </summary>
internal static class MembershipRow
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "address, port, generation, silo_name, host_name, role_name, status, proxy_port, update_zone, fault_zone, " +
        "suspect_times, start_time, i_am_alive_time, etag";

    /// <summary>Matches one silo's row: parameters @cluster, @address, @port, @generation.</summary>
    public const string KeyFilter = "cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation";

    public static (string Name, object? Value)[] Key(string clusterId, SiloAddress silo) =>
    [
        ("@cluster", clusterId),
        ("@address", silo.Endpoint.Address.ToString()),
        ("@port", silo.Endpoint.Port),
        ("@generation", silo.Generation),
    ];

    /// <summary>The key's parameters and one per other column, named after it ("@silo_name").</summary>
    public static (string Name, object? Value)[] Values(string clusterId, MembershipEntry entry, string etag) =>
    [
        .. Key(clusterId, entry.SiloAddress),
        ("@silo_name", entry.SiloName),
        ("@host_name", entry.HostName),
        ("@role_name", entry.RoleName),
        ("@status", (int)entry.Status),
        ("@proxy_port", entry.ProxyPort),
        ("@update_zone", entry.UpdateZone),
        ("@fault_zone", entry.FaultZone),
        ("@suspect_times", SuspectTimesText.Encode(entry.SuspectTimes)),
        ("@start_time", entry.StartTime.Ticks),
        ("@i_am_alive_time", entry.IAmAliveTime.Ticks),
        ("@last_update", LastUpdateTicks(entry)),
        ("@etag", etag),
    ];

    /// <summary>
    /// The entry's latest known update: its start, its last heartbeat or the latest vote against it. A silo
    /// declared dead long after its last heartbeat counts from the declaration, so cleanup keeps it a while.
    /// </summary>
    public static long LastUpdateTicks(MembershipEntry entry)
    {
        var latest = Math.Max(entry.StartTime.Ticks, entry.IAmAliveTime.Ticks);
        foreach (var vote in entry.SuspectTimes ?? []) latest = Math.Max(latest, vote.Item2.Ticks);
        return latest;
    }

    /// <summary>Reads the entry and its etag from a row selected with <see cref="Columns"/>.</summary>
    public static Tuple<MembershipEntry, string> Read(SqliteDataReader reader)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1), reader.GetInt32(2)),
            SiloName = NullableString(reader, 3)!,
            HostName = NullableString(reader, 4)!,
            RoleName = NullableString(reader, 5),
            Status = (SiloStatus)reader.GetInt32(6),
            ProxyPort = reader.GetInt32(7),
            UpdateZone = reader.GetInt32(8),
            FaultZone = reader.GetInt32(9),
            SuspectTimes = SuspectTimesText.Decode(NullableString(reader, 10)),
            StartTime = new DateTime(reader.GetInt64(11), DateTimeKind.Utc),
            IAmAliveTime = new DateTime(reader.GetInt64(12), DateTimeKind.Utc),
        };
        return Tuple.Create(entry, reader.GetString(13));
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

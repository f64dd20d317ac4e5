using System.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using Raft.Tests.Integration;

namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// Measures a 100-byte grain-state write on PostgreSQL through Orleans' ADO.NET grain storage (one round trip
/// running WriteToStorageKey in autocommit) and prints median, mean and 99th percentile: straight through
/// the provider and through a grain call, durably (the server's default synchronous_commit); through the
/// provider with synchronous_commit off, which leaves everything but the WAL flush, once as the provider
/// runs by default and once with Npgsql preparing its statements (Max Auto Prepare); and a bare one-row
/// UPDATE of the same payload, the floor a durable commit costs on this machine. DESIGN.md §3 saw about
/// 0.5 ms. The assertion is loose so a slow disk does not fail the run; the numbers are in the test output.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class GrainStateWriteLatencyTests
{
    private const int PayloadBytes = 100;
    private const int Warmup = 200;
    private const int Writes = 500;
    private const string ProbeType = "Raft.Tests.OrleansAdoNet.ProbeGrain";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrainStateWrite_OfAHundredBytes_CostsAboutOneCommit()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("latency");
        var relaxed = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Options = "-c synchronous_commit=off" };
        var prepared = new NpgsqlConnectionStringBuilder(relaxed.ToString()) { MaxAutoPrepare = 16 };

        var (durable, viaGrain, key) = await MeasureProviderAsync(schema, schema.ConnectionString);
        var (unflushed, _, _) = await MeasureProviderAsync(schema, relaxed.ToString());
        var (unflushedPrepared, _, _) = await MeasureProviderAsync(schema, prepared.ToString());
        var floor = await MeasureBareUpdateAsync(schema, key);

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{PayloadBytes}-byte grain-state write, {Writes} sequential writes after {Warmup} warm-up each:");
        output?.WriteLine($"  provider, durable commit:                    {Describe(durable)}");
        output?.WriteLine($"  grain call + write, durable:                 {Describe(viaGrain)}");
        output?.WriteLine($"  provider, synchronous_commit off:            {Describe(unflushed)}");
        output?.WriteLine($"  the same with Max Auto Prepare=16:           {Describe(unflushedPrepared)}");
        output?.WriteLine($"  bare one-row UPDATE, durable (commit floor): {Describe(floor)}");
        Assert.True(Median(unflushed) < 20, $"median write without the WAL flush {Median(unflushed):0.000} ms");
    }

    /// <summary>Times provider writes of one grain and grain-call writes of another, on a silo of its own.</summary>
    private static async Task<(double[] Direct, double[] ViaGrain, string Key)> MeasureProviderAsync(PostgresTestSchema schema, string connectionString)
    {
        await using var silo = await AdoNetSilo.StartAsync(connectionString, $"cluster-{Guid.NewGuid():N}");
        // Not a bare GUID: the provider would store that as two integers, and the queries below find the row by
        // its string key.
        var key = $"latency-{Guid.NewGuid():N}";
        var id = GrainId.Create("probe", key);

        // The serializer wraps the value; size the value so the stored payload is exactly PayloadBytes.
        var state = new GrainState<ProbeState>(new ProbeState { Value = "" });
        await silo.Storage.WriteStateAsync(ProbeType, id, state);
        var overhead = Convert.ToInt32(await PayloadLengthAsync(schema, key));
        var value = new string('x', PayloadBytes - overhead);
        state.State = new ProbeState { Value = value };
        await silo.Storage.WriteStateAsync(ProbeType, id, state);
        Assert.Equal(PayloadBytes, Convert.ToInt32(await PayloadLengthAsync(schema, key)));

        Task WriteDirectly() => silo.Storage.WriteStateAsync(ProbeType, id, state);
        var grain = silo.Grains.GetGrain<IProbeGrain>(Guid.NewGuid().ToString("N"));
        Task WriteViaGrain() => grain.SetAsync(value);
        // Warm both paths before timing either: the first seconds of a silo (start-up work, JIT tiering) are
        // slower, and would otherwise count against whichever path is timed first.
        await WarmAsync(WriteDirectly);
        await WarmAsync(WriteViaGrain);
        return (await TimeAsync(WriteDirectly), await TimeAsync(WriteViaGrain), key);
    }

    private static async Task<double[]> MeasureBareUpdateAsync(PostgresTestSchema schema, string key)
    {
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var update = new NpgsqlCommand(
            "UPDATE OrleansStorage SET PayloadBinary = @payload WHERE GrainIdExtensionString = @key", connection);
        update.Parameters.AddWithValue("payload", new byte[PayloadBytes]);
        update.Parameters.AddWithValue("key", key);
        async Task Update() => await update.ExecuteNonQueryAsync(Ct);
        await WarmAsync(Update);
        return await TimeAsync(Update);
    }

    private static Task<object?> PayloadLengthAsync(PostgresTestSchema schema, string key) =>
        schema.ScalarAsync("SELECT octet_length(PayloadBinary) FROM OrleansStorage WHERE GrainIdExtensionString = @key", ("key", key));

    private static async Task WarmAsync(Func<Task> write)
    {
        for (var i = 0; i < Warmup; i++) await write();
    }

    private static async Task<double[]> TimeAsync(Func<Task> write)
    {
        var millis = new double[Writes];
        for (var i = 0; i < Writes; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await write();
            millis[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(millis);
        return millis;
    }

    private static double Median(double[] sorted) => sorted[sorted.Length / 2];

    private static string Describe(double[] sorted) =>
        $"median {Median(sorted):0.000} ms, mean {sorted.Average():0.000} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:0.000} ms";
}

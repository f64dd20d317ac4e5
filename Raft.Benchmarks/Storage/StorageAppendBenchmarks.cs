using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Raft.Benchmarks.Storage;

/// <summary>
/// Appends of 64 entries of 256 bytes with one sync per batch, the shape of a busy leader's Ready. Reported
/// per entry (OperationsPerInvoke), so entries/s = 1e9 / Mean(ns). In process: the out-of-process toolchain
/// would build a second copy of the solution, which a short run on a shared machine cannot afford.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class StorageAppendBenchmarks
{
    private BenchmarkStore? _store;

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = BenchmarkStore.Sqlite;

    public static IEnumerable<string> Backends() => BenchmarkStore.Available();

    [GlobalSetup]
    public void Setup() => _store = BenchmarkStore.CreateAsync(Backend).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = BenchmarkStore.EntriesPerBatch)]
    public ValueTask AppendBatchOf64() => _store!.AppendBatchAsync();

    [GlobalCleanup]
    public void Cleanup() => _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}

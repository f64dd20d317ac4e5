namespace Raft.Client.Bench;

/// <summary>What one bench run does: <see cref="Operations"/> requests from <see cref="Concurrency"/> workers
/// over <see cref="Keys"/> keys, a <see cref="ReadRatio"/> share of them reads.</summary>
internal sealed record BenchOptions(int Operations, int Concurrency, int ValueSizeBytes, int Keys, double ReadRatio);

namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// One load of the comparison: <see cref="Clients"/> closed-loop clients doing <see cref="Operation"/>, all to
/// the leader or spread over every member (client i to member i mod n).
/// </summary>
internal sealed record LoadSpec(LoadOperation Operation, int Clients, bool Spread)
{
    /// <summary>The issue's five loads, in the order they run.</summary>
    public static IReadOnlyList<LoadSpec> Standard { get; } =
    [
        new(LoadOperation.Put, 1, Spread: false),
        new(LoadOperation.Put, 16, Spread: false),
        new(LoadOperation.Put, 64, Spread: false),
        new(LoadOperation.Put, 64, Spread: true),
        new(LoadOperation.LinearizableGet, 16, Spread: false),
    ];

    /// <summary>The load's name in the table, e.g. "put, 64 clients → all members".</summary>
    public string Label =>
        $"{(Operation == LoadOperation.Put ? "put" : "linearizable get")}, {Clients} client{(Clients == 1 ? "" : "s")} → {(Spread ? "all members" : "leader")}";
}

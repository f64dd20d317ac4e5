namespace Raft.Silo.Hosting;

/// <summary>
/// One unit of work in an activation's mailbox: an async body, and how to fail its caller when the body
/// throws or never runs (the activation deactivated first). A one-way turn has no caller to fail.
/// </summary>
internal sealed class GrainTurn(string name, Func<CancellationToken, Task> body, Action<Exception>? fail)
{
    public string Name { get; } = name;

    /// <summary>True when a caller waits on this turn; a failure of a one-way turn can only be logged.</summary>
    public bool HasCaller => fail is not null;

    public Task RunAsync(CancellationToken cancellationToken) => body(cancellationToken);

    public void Fail(Exception exception) => fail?.Invoke(exception);
}

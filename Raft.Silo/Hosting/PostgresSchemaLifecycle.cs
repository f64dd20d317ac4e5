using Raft.Silo.Storage;

namespace Raft.Silo.Hosting;

/// <summary>
/// Applies our PostgreSQL scripts to every schema the silo's Orleans ADO.NET providers use (grain storage,
/// reminders, membership) before any of them starts: the providers only read their tables, never create them.
/// </summary>
public sealed class PostgresSchemaLifecycle(IReadOnlyCollection<string> connectionStrings) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(PostgresSchemaLifecycle), ServiceLifecycleStage.First, MigrateAsync, _ => Task.CompletedTask);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        foreach (var connectionString in connectionStrings)
            await PostgresSchema.MigrateAsync(connectionString, cancellationToken).ConfigureAwait(false);
    }
}

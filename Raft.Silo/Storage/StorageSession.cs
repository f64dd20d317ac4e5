using System.Data.Common;

namespace Raft.Silo.Storage;

/// <summary>
/// One transaction on a provider's connection. Disposing rolls back what was not committed and gives the
/// connection back (releases SQLite's per-file gate, or returns a PostgreSQL connection to the pool).
/// </summary>
internal sealed class StorageSession(DbConnection connection, DbTransaction transaction, Func<ValueTask> release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await release().ConfigureAwait(false);
        }
    }
}

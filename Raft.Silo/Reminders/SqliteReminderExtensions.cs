using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Raft.Silo.Reminders;

/// <summary>Registers Orleans' reminder service with <see cref="SqliteReminderTable"/> as its table.</summary>
public static class SqliteReminderExtensions
{
    /// <summary>Every silo of the cluster must name the same <paramref name="databaseFile"/>: each reads the reminders of its hash range.</summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder builder, string databaseFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(services => new SqliteReminderTable(
            databaseFile,
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<ILogger<SqliteReminderTable>>()));
        return builder;
    }
}

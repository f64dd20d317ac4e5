-- The cluster file, version 2: Orleans reminders (Raft.Silo.Reminders.SqliteReminderTable). Every silo reads
-- the reminders of the grain-hash range it owns, so they live in the file all local silos share. Rows are
-- keyed by ServiceId: reminders outlive a cluster's deployment, as Orleans defines them.

-- grain_hash is GrainId.GetUniformHashCode() as an unsigned 32-bit value, indexed for range reads; start_at
-- is DateTime ticks in UTC and period TimeSpan ticks.
CREATE TABLE reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period        INTEGER NOT NULL,
    etag          TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);

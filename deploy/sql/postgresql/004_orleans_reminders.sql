-- Orleans reminders, version 4 (PostgreSQL), for Microsoft.Orleans.Reminders.AdoNet 10.4.2 with the ADO.NET
-- invariant "Npgsql". The query texts go into OrleansQuery (created by 002); as there, the keys, parameter
-- names and result column names are the contract with Orleans, each query is one statement, and the
-- migrator applies this script once, in a transaction.
--
-- Reminders are durable wake-ups (DESIGN.md §3): each silo's reminder service owns a range of the grain hash
-- ring and loads the reminders whose GrainHash falls in it, so, like membership, every silo of a service
-- must read and write the same table: one shared schema per cluster.

-- One row per (service, grain, reminder name). GrainId is Orleans' GrainId.ToString(); GrainHash its uniform
-- hash as a signed integer, the order the range queries compare in. Period is in milliseconds (bigint: the
-- provider reads it as Int64). Version is the reminder's ETag: 0 when created, +1 on every upsert.
CREATE TABLE OrleansRemindersTable (
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- A silo's reminder service reads its ring range by hash when it starts and at every refresh; without this
-- index each read scans the whole table.
CREATE INDEX OrleansRemindersTable_Ring ON OrleansRemindersTable (ServiceId, GrainHash);

-- Creates or replaces a reminder and returns its new Version (the provider's ETag for it).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $query$
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
    Version = OrleansRemindersTable.Version + 1
RETURNING Version
$query$);

-- All reminders of one grain.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $query$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId
$query$);

-- One reminder of one grain; no row when it does not exist.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $query$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
$query$);

-- The reminders in the ring range (@BeginHash, @EndHash] when it does not wrap, i.e. begin < end as signed
-- integers (the provider picks this query then)...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $query$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
$query$);

-- ...and when it wraps past the largest hash back to the smallest (begin >= end): the two ends of the ring.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $query$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$query$);

-- Removes a reminder if it is still at @Version (the caller's ETag). Returns one row with the number of rows
-- removed: the provider reads a single value, nonzero meaning "removed".
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $query$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1
)
SELECT count(*) FROM deleted
$query$);

-- Removes every reminder of the service (Orleans uses it to reset the table, in tests).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $query$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
$query$);

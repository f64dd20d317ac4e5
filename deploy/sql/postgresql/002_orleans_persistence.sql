-- Orleans grain storage, version 2 (PostgreSQL), for Microsoft.Orleans.Persistence.AdoNet 10.4.2 with the
-- ADO.NET invariant "Npgsql". Needs PostgreSQL 15 or later (UNIQUE ... NULLS NOT DISTINCT).
--
-- How the providers use this: at start each Orleans ADO.NET provider reads its query texts from
-- OrleansQuery by key (the grain storage: WriteToStorageKey, ReadFromStorageKey, ClearStorageKey,
-- DeleteStorageKey) and from then on runs only those texts, binding Npgsql parameters by name (@GrainIdHash
-- and so on) and reading result columns by name. So the keys, the parameter names and the result column
-- names below are the contract with Orleans; table layout and statement shape are ours. PostgreSQL folds
-- unquoted names to lower case and Npgsql matches result columns case-insensitively, so the providers' mixed
-- case spelling is kept here only so the texts can be read side by side with the provider code.
--
-- Each query is one statement, never a function: Orleans runs every query outside any transaction of its
-- own, and a single statement is atomic under autocommit, so there is no PL/pgSQL to keep in step with the
-- query texts. The schema migrator applies this script in one transaction with the others and records its
-- version, so nothing here needs IF NOT EXISTS.

-- The query texts every Orleans ADO.NET provider looks up (its name and two columns are fixed by the
-- providers' own "SELECT QueryKey, QueryText FROM OrleansQuery"). Created here, with the first provider
-- that needs it; 003 and 004 add their rows.
CREATE TABLE OrleansQuery (
    QueryKey  text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per grain state. A grain is named by the service, its type and its key: two 64-bit halves of an
-- integer or Guid key and, for string keys and key extensions, a string. The two hashes are Orleans'
-- (the provider computes them); they lead the index so the index stays small and lookups are selective.
-- Version is the ETag: NULL never, 1 at the first write, +1 on every write or clear. PayloadBinary NULL is a
-- cleared state (the row, and so the version, stays; the provider reports RecordExists = false).
CREATE TABLE OrleansStorage (
    GrainIdHash            integer     NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    ServiceId              text        NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text,
    PayloadBinary          bytea,
    ModifiedOn             timestamptz NOT NULL,
    Version                integer     NOT NULL
);

-- At most one row per grain. Orleans' own script has only a plain index and guards its first INSERT with
-- NOT EXISTS, which two activations of one grain (possible while membership changes) can both pass: both
-- inserts land, and every later read of that grain fails on two rows (with that guard in place of this
-- index, the test FirstWrites_RacingForOneGrain_ExactlyOneWins sees two to four winners out of 16). The
-- unique index makes the second first-write a conflict instead, which the write below turns into a version
-- conflict (InconsistentStateException), the fence DESIGN.md §3 relies on. NULLS NOT DISTINCT: a grain
-- without a key extension (an integer or GUID key) has NULL there, and two such rows must still collide.
-- The strings make the index wider than Orleans' hash-only one; a key whose index entry passes PostgreSQL's
-- b-tree limit (about 2.7 kB) fails loudly at its first write.
CREATE UNIQUE INDEX OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Every query below names the grain the same way: all key columns equal to the parameters, the extension
-- compared with IS NOT DISTINCT FROM because it may be NULL on both sides.

-- Reads the state and its version; no row means never written (or deleted), and the provider starts from a
-- fresh state with no ETag. Result columns: PayloadBinary, Version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $query$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
    AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
    AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$query$);

-- Writes the state if the caller's version (@GrainStateVersion, the ETag it read) is still the stored one,
-- or, with no ETag, inserts the first version. Returns the new version as NewGrainStateVersion, or no row
-- when the version has moved on or another writer inserted first; the provider then throws
-- InconsistentStateException. Exactly one of the two CTEs can touch a row, chosen by whether the caller has
-- a version; both always run (PostgreSQL runs every data-modifying CTE), so the other is a no-op.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $query$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL AND Version = @GrainStateVersion
        AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
        AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING Version
), inserted AS (
    INSERT INTO OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
        GrainIdExtensionString, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @ServiceId, @GrainTypeString,
        @GrainIdExtensionString, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted
$query$);

-- Clears the state but keeps the row, so the version keeps counting and a stale writer still conflicts
-- (used unless the provider's DeleteStateOnClear is set). Same version check as a write; returns the new
-- version, or no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $query$
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE Version = @GrainStateVersion
    AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
    AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
    AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version AS NewGrainStateVersion
$query$);

-- Removes the row (DeleteStateOnClear). The provider tells success from a conflict by the returned version
-- differing from the ETag it sent, so a deletion reports one past the deleted version; no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $query$
DELETE FROM OrleansStorage
WHERE Version = @GrainStateVersion
    AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
    AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
    AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING Version + 1 AS NewGrainStateVersion
$query$);

-- Raft peer storage, version 1 (SQLite). One database file per silo; rows are keyed by peer_key
-- ("group/peerId") because a silo may host several peers. Every record carries a CRC32C checksum
-- (column checksum) computed by Raft.Silo.Storage.RecordChecksum over the peer key and the other columns;
-- the loader verifies it and refuses corrupt or torn records. The storage runner records the version in
-- schema_version after the script succeeds, in the same transaction.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT    NOT NULL
);

-- Raft Figure 2 persistent state plus the commit index: one small row per peer, upserted.
CREATE TABLE raft_hard_state (
    peer_key     TEXT    NOT NULL PRIMARY KEY,
    term         INTEGER NOT NULL,
    voted_for    INTEGER NOT NULL,
    commit_index INTEGER NOT NULL,
    checksum     INTEGER NOT NULL
) WITHOUT ROWID;

-- The log as rows: append a batch, truncate a suffix, drop a compacted prefix. A rowid table with the key
-- in its own index rather than WITHOUT ROWID: entries of a few hundred bytes exceed what SQLite advises for
-- WITHOUT ROWID (rows under about 1/20 of a page), whose tree keeps whole rows as keys. Appends get new,
-- increasing rowids, so new rows land on the table's rightmost pages.
CREATE TABLE raft_log (
    peer_key  TEXT    NOT NULL,
    log_index INTEGER NOT NULL,
    term      INTEGER NOT NULL,
    type      INTEGER NOT NULL,
    data      BLOB    NOT NULL,
    checksum  INTEGER NOT NULL,
    PRIMARY KEY (peer_key, log_index)
);

-- A snapshot stored whole with the last entry it covers (Raft §7). A rowid table: snapshots can be large,
-- and large rows belong in a rowid table's overflow pages.
CREATE TABLE raft_snapshot (
    peer_key   TEXT    NOT NULL PRIMARY KEY,
    last_index INTEGER NOT NULL,
    last_term  INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    checksum   INTEGER NOT NULL
);

-- Raft peer storage, version 1 (PostgreSQL). Tables live in the connection's current schema, so one
-- database can hold several deployments (or test runs) side by side. Rows are keyed by peer_key
-- ("group/peerId"). Every record carries a CRC32C checksum computed by Raft.Silo.Storage.RecordChecksum
-- over the peer key and the other columns; the loader verifies it and refuses corrupt or torn records.
-- The storage runner records the version in schema_version after the script succeeds, in the same
-- transaction, under an advisory lock so silos starting together do not race.

CREATE TABLE schema_version (
    version    integer     PRIMARY KEY,
    applied_at timestamptz NOT NULL
);

-- Raft Figure 2 persistent state plus the commit index: one small row per peer, upserted.
CREATE TABLE raft_hard_state (
    peer_key     text    NOT NULL PRIMARY KEY,
    term         bigint  NOT NULL,
    voted_for    integer NOT NULL,
    commit_index bigint  NOT NULL,
    checksum     bigint  NOT NULL
);

-- The log as rows: append a batch, truncate a suffix, drop a compacted prefix.
CREATE TABLE raft_log (
    peer_key  text     NOT NULL,
    log_index bigint   NOT NULL,
    term      bigint   NOT NULL,
    type      smallint NOT NULL,
    data      bytea    NOT NULL,
    checksum  bigint   NOT NULL,
    PRIMARY KEY (peer_key, log_index)
);

-- A snapshot stored whole with the last entry it covers (Raft §7).
CREATE TABLE raft_snapshot (
    peer_key   text   NOT NULL PRIMARY KEY,
    last_index bigint NOT NULL,
    last_term  bigint NOT NULL,
    data       bytea  NOT NULL,
    checksum   bigint NOT NULL
);

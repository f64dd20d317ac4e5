-- Raft peer storage, version 2 (SQLite): Orleans grain state in the silo's own file
-- (Raft.Silo.Persistence.SqliteGrainStorage), beside the log. State is the silo's, as a peer's log is: a grain
-- activated on another silo does not see it.

-- One row per provider, grain and state name. payload is the state as the grain storage serializer wrote it;
-- etag changes on every write, and a write or clear must name the current one. checksum is a CRC-32C
-- (Raft.Silo.Persistence.GrainStateChecksum) over the key, the etag and the payload, stored as its unsigned
-- value, verified on every read.
CREATE TABLE grain_state (
    provider   TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    state_name TEXT    NOT NULL,
    etag       TEXT    NOT NULL,
    payload    BLOB    NOT NULL,
    checksum   INTEGER NOT NULL,
    PRIMARY KEY (provider, grain_id, state_name)
);

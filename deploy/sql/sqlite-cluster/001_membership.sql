-- The cluster file, version 1 (SQLite): Orleans membership for the silos of one machine, which all open this
-- one file (Raft.Silo.Clustering.SqliteMembershipTable). Rows are keyed by ClusterId, so several clusters may
-- share a file. Times are DateTime ticks in UTC: exact, and ordered as numbers. The schema runner records the
-- version in schema_version after the script succeeds, in the same transaction.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT    NOT NULL
);

-- One row per cluster: the membership table's version, which every insert and update of a member checks
-- (by etag) and replaces in the same transaction, so of two silos writing from the same read only one wins.
CREATE TABLE membership_version (
    cluster_id TEXT    NOT NULL PRIMARY KEY,
    version    INTEGER NOT NULL,
    etag       TEXT    NOT NULL
) WITHOUT ROWID;

-- One row per silo incarnation (address, port and generation). suspect_times holds the votes of silos
-- that suspect this one, "silo ticks" pairs joined by '|'; NULL when there is no list. last_update is the
-- latest of start_time, i_am_alive_time and the votes: what defunct-entry cleanup compares. etag changes
-- on every update but not on a heartbeat, so a heartbeat never invalidates an etag another silo has read.
CREATE TABLE membership (
    cluster_id      TEXT    NOT NULL,
    address         TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT,
    host_name       TEXT,
    role_name       TEXT,
    status          INTEGER NOT NULL,
    proxy_port      INTEGER NOT NULL,
    update_zone     INTEGER NOT NULL,
    fault_zone      INTEGER NOT NULL,
    suspect_times   TEXT,
    start_time      INTEGER NOT NULL,
    i_am_alive_time INTEGER NOT NULL,
    last_update     INTEGER NOT NULL,
    etag            TEXT    NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
) WITHOUT ROWID;

-- Version 5 (PostgreSQL): the activation fence of each peer's log (see the SQLite script of the same name).
-- A claim takes the row FOR UPDATE and a log write reads it FOR SHARE in its own transaction, so a claim and a
-- write of an older activation never interleave: the write either commits before the claim or sees it.
CREATE TABLE raft_fence (
    peer_key TEXT   NOT NULL PRIMARY KEY,
    epoch    BIGINT NOT NULL
);

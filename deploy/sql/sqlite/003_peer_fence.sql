-- Version 3 (SQLite): the activation fence of each peer's log. A peer grain activation writes a new epoch to
-- its hard state (Orleans grain storage, conditional on the ETag) and then claims the log with it here; every
-- later log write checks, in its own transaction, that the row still holds its epoch. A second activation of
-- the same peer therefore makes every write of the first fail: only one can ever append.
CREATE TABLE raft_fence (
    peer_key TEXT    NOT NULL PRIMARY KEY,
    epoch    INTEGER NOT NULL
) WITHOUT ROWID;

-- Orleans cluster membership, version 3 (PostgreSQL), for Microsoft.Orleans.Clustering.AdoNet 10.4.2 with
-- the ADO.NET invariant "Npgsql". The query texts go into OrleansQuery (created by 002); as there, the keys,
-- parameter names and result column names are the contract with Orleans, each query is one statement, and
-- the migrator applies this script once, in a transaction.
--
-- Orleans' membership protocol: every silo of a cluster (DeploymentId is the ClusterId) has a row; the
-- cluster has one version row, and every change to a silo row must name the version it read and bump it,
-- so two silos acting on the same view cannot both win (optimistic concurrency over the whole table).
-- I-am-alive heartbeats are the exception: they change only the silo's own row and no version.
-- All silos of a cluster must therefore share these tables: point every silo's clustering connection string
-- at the same schema (Search Path), whatever schema each silo's Raft log lives in.

CREATE TABLE OrleansMembershipVersionTable (
    DeploymentId text        NOT NULL PRIMARY KEY,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0
);

-- A silo is its address, port and generation (a restarted silo is a new generation, so a new row). Times
-- are timestamptz: the provider writes UTC DateTimes and reads them back as UTC. SuspectTimes is Orleans'
-- own "silo,time|silo,time" text. ProxyPort is 0 for a silo without a gateway, never NULL (the provider
-- reads it as an int). Deleting a cluster's version row removes its silos with it.
CREATE TABLE OrleansMembershipTable (
    DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL,
    SuspectTimes text,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Creates the cluster's version row at version 0 unless it exists; every starting silo asks. Returns one
-- row with the number of rows inserted (the provider reads a single value, nonzero meaning "created").
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $query$
WITH inserted AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1
)
SELECT count(*) FROM inserted
$query$);

-- Adds a silo if the table is still at @Version and the silo is not there yet, bumping the version in the
-- same statement. The version row is updated first and the insert draws from what it returned, so the silo
-- row appears only with a successful bump; a concurrent writer of the same version waits on the version
-- row's lock, then finds the version changed and does nothing. Returns 1 on success, 0 on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $query$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
        AND NOT EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
), inserted AS (
    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status,
        ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) FROM inserted
$query$);

-- Changes a silo's status, suspicions and liveness time if the table is still at @Version, bumping the
-- version; same shape and same reasoning as the insert. Returns 1 on success, 0 on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $query$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
        AND EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId
), updated AS (
    UPDATE OrleansMembershipTable AS silo
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped
    WHERE silo.DeploymentId = bumped.DeploymentId
        AND silo.Address = @Address AND silo.Port = @Port AND silo.Generation = @Generation
    RETURNING 1
)
SELECT count(*) FROM updated
$query$);

-- A silo's heartbeat: its own row only, no version (Orleans does not check the result).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $query$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$query$);

-- One silo's row with the table version. The provider takes the version from the first row and treats a row
-- without StartTime as "no such silo", so the version row is outer-joined: it is returned even when the silo
-- is not there.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $query$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$query$);

-- Every silo of the cluster with the table version, outer-joined for the same reason.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $query$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$query$);

-- The gateways clients may connect to: active silos (@Status is SiloStatus.Active) with a proxy port.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $query$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$query$);

-- Forgets a whole cluster; its silo rows go with the version row (ON DELETE CASCADE).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $query$
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId
$query$);

-- Removes rows of silos that are not active and have not reported alive since @IAmAliveTime (Orleans
-- passes now minus ClusterMembershipOptions.DefunctSiloExpiration). Not only Dead ones: a silo that crashed
-- while joining never becomes Dead, and its row would stay forever. An active silo heartbeats, so it is
-- never this old. 3 is SiloStatus.Active.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
$query$);

-- Observation of Azure: which requests claim which ARM IDs, what each account looked like when last recorded (so a
-- sweep sends a command only for what changed), and the sweeps and their shards, shared by every instance.

-- Written in the same transaction as the request's events (a subscribing processor); rebuildable from them.
CREATE TABLE observation_claim (
    arm_id_key      VARCHAR(400) NOT NULL PRIMARY KEY,  -- the ARM ID in lower case
    arm_id          VARCHAR(400) NOT NULL,              -- as requested
    resource_id     UUID         NOT NULL UNIQUE,
    subscription_id VARCHAR(36)  NOT NULL,
    owned_tags      TEXT         NOT NULL,              -- the owned tag names, lower case, one per line
    requested_at    TIMESTAMPTZ  NOT NULL,
    decommissioned  BOOLEAN      NOT NULL DEFAULT false
);
CREATE INDEX observation_claim_subscription_idx ON observation_claim (subscription_id);

-- What was last recorded per account (a cache of the aggregates' last observation: losing it costs one loud sweep,
-- whose commands the aggregates dedupe, never a wrong event).
CREATE TABLE observed_account (
    arm_id_key      VARCHAR(400) NOT NULL PRIMARY KEY,
    arm_id          VARCHAR(400) NOT NULL,              -- as Azure spelled it
    resource_id     UUID         NOT NULL,
    subscription_id VARCHAR(36)  NOT NULL,
    claimed         BOOLEAN      NOT NULL,
    present         BOOLEAN      NOT NULL,
    fingerprint     CHAR(64),
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX observed_account_subscription_idx ON observed_account (subscription_id);

CREATE TABLE observation_sweep (
    sweep_id     VARCHAR(40)  NOT NULL PRIMARY KEY,
    trigger      VARCHAR(20)  NOT NULL,
    status       VARCHAR(20)  NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    started_at   TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ,
    failure      TEXT,
    statistics   TEXT
);
CREATE INDEX observation_sweep_started_idx ON observation_sweep (started_at);

-- A sweep's shards (one per subscription): any instance claims a pending one, or one whose lease ran out.
CREATE TABLE observation_shard (
    sweep_id    VARCHAR(40)  NOT NULL REFERENCES observation_sweep (sweep_id),
    shard_key   VARCHAR(100) NOT NULL,
    status      VARCHAR(20)  NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
    owner       VARCHAR(200),
    lease_until TIMESTAMPTZ,
    attempts    INTEGER      NOT NULL DEFAULT 0,
    statistics  TEXT,
    failure     TEXT,
    PRIMARY KEY (sweep_id, shard_key)
);
CREATE INDEX observation_shard_pending_idx ON observation_shard (status) WHERE status IN ('PENDING', 'RUNNING');

-- The accounts' read model, twice: the API answers from the active copy while a rebuild replays the event store
-- into the other, then switches over (projection_status.active_copy). Each copy is fed by its own processing group
-- (account-read-model-a, account-read-model-b), so each has its own tracking tokens.

CREATE TABLE account_view_a (
    resource_id       UUID         NOT NULL PRIMARY KEY,
    name              VARCHAR(24),
    name_key          VARCHAR(24),                 -- lower case, for sorting and search
    arm_id            VARCHAR(400),
    subscription_id   VARCHAR(36),
    resource_group    VARCHAR(90),
    location          VARCHAR(40),
    team              VARCHAR(200),
    lifecycle         VARCHAR(20)  NOT NULL,
    listed            BOOLEAN      NOT NULL,
    state             VARCHAR(30),
    cloud_only_reason VARCHAR(20),
    drift_count       INTEGER      NOT NULL DEFAULT 0,
    pending_since     TIMESTAMPTZ,
    last_observed_at  TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL,
    position          BIGINT       NOT NULL,       -- the global index of the last event applied
    document          TEXT         NOT NULL        -- everything else: desired, observed, bindings, requests
);
CREATE INDEX account_view_a_list_idx ON account_view_a (name_key, resource_id) WHERE listed;
CREATE INDEX account_view_a_state_idx ON account_view_a (state, name_key, resource_id) WHERE listed;
CREATE INDEX account_view_a_team_idx ON account_view_a (team, name_key, resource_id) WHERE listed;
CREATE INDEX account_view_a_subscription_idx ON account_view_a (subscription_id, name_key, resource_id) WHERE listed;

CREATE TABLE account_view_b (LIKE account_view_a INCLUDING ALL);

-- Platform-wide inputs of classification, per copy: the control plane's availability.
CREATE TABLE platform_view_a (
    id        VARCHAR(40)  NOT NULL PRIMARY KEY,
    available BOOLEAN      NOT NULL,
    since     TIMESTAMPTZ,
    detail    TEXT,
    position  BIGINT       NOT NULL
);
CREATE TABLE platform_view_b (LIKE platform_view_a INCLUDING ALL);

-- Which copy answers, and where a rebuild stands.
ALTER TABLE projection_status ADD COLUMN active_copy CHAR(1) CHECK (active_copy IN ('a', 'b'));
ALTER TABLE projection_status ADD COLUMN rebuild_started_at TIMESTAMPTZ;
ALTER TABLE projection_status ADD COLUMN rebuild_target BIGINT;
INSERT INTO projection_status (processing_group, status, position, active_copy)
VALUES ('account-read-model', 'LIVE', 0, 'a');

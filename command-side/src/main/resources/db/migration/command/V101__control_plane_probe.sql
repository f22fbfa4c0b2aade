-- The latest probe of the control plane, one row per probing instance. Availability changes are events (the
-- ControlPlane aggregate); when it was last checked is not history, so it is kept here, overwritten each probe.
CREATE TABLE control_plane_probe (
    instance_id VARCHAR(200) NOT NULL PRIMARY KEY,
    available   BOOLEAN      NOT NULL,
    detail      TEXT         NOT NULL,
    checked_at  TIMESTAMPTZ  NOT NULL
);

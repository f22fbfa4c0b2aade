-- The query side's own tables, migrated under their own history table (flyway_query_history) so that the command
-- side and the query side can be deployed apart against one database.

-- Where each read model stands: LIVE while it follows the event stream, REBUILDING while a replay fills a fresh copy.
CREATE TABLE projection_status (
    processing_group VARCHAR(200) NOT NULL PRIMARY KEY,
    status           VARCHAR(20)  NOT NULL CHECK (status IN ('LIVE', 'REBUILDING')),
    position         BIGINT,
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);

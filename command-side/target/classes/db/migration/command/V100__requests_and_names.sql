-- Command-side lookup tables, written in the same transaction as the events they guard.
-- Both can be rebuilt from the event store (every event carries its request ID, every submission its name).

-- Idempotency: one row per accepted request ID, with the fingerprint of what it asked.
CREATE TABLE request_ledger (
    request_id   UUID         NOT NULL PRIMARY KEY,
    request_type VARCHAR(32)  NOT NULL,
    resource_id  UUID         NOT NULL,
    fingerprint  CHAR(64)     NOT NULL,
    accepted_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX request_ledger_resource_idx ON request_ledger (resource_id);

-- Set-based validation: a storage account name is global in Azure, so one live resource holds it at a time.
-- A row lives from the submission until the account's deletion has completed.
CREATE TABLE account_name (
    name        VARCHAR(24) NOT NULL PRIMARY KEY,
    resource_id UUID        NOT NULL UNIQUE,
    reserved_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Transactional outbox: an event row is written in the same transaction as the change it describes; the relay
-- publishes pending rows (published_at IS NULL) to Kafka in id order and marks them.
CREATE TABLE outbox_events (
    id                BIGSERIAL PRIMARY KEY,
    event_id          UUID NOT NULL UNIQUE,
    event_type        VARCHAR(64) NOT NULL,
    aggregate_type    VARCHAR(32) NOT NULL,
    aggregate_id      VARCHAR(64) NOT NULL,
    aggregate_version BIGINT NOT NULL,
    partition_key     VARCHAR(100) NOT NULL,
    payload           TEXT NOT NULL,
    traceparent       VARCHAR(128),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    published_at      TIMESTAMPTZ,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT
);
CREATE INDEX outbox_events_pending ON outbox_events (id) WHERE published_at IS NULL;
CREATE INDEX outbox_events_published_at ON outbox_events (published_at) WHERE published_at IS NOT NULL;

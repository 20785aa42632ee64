-- Stock replies that failed every attempt and went to the dead-letter topic, for operators (list, replay, discard:
-- platform-dead-letters, /internal/dead-letters). The same table as every service's (cart-service V1).
CREATE TABLE dead_letters (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          UUID,
    event_type        VARCHAR(64),
    record_key        VARCHAR(255),
    payload           TEXT        NOT NULL,
    error_class       VARCHAR(255),
    error_message     TEXT,
    attempts          INT         NOT NULL,
    source_topic      VARCHAR(255),
    source_partition  INT,
    source_offset     BIGINT,
    dlq_topic         VARCHAR(255) NOT NULL,
    dlq_partition     INT          NOT NULL,
    dlq_offset        BIGINT       NOT NULL,
    failed_at         TIMESTAMPTZ  NOT NULL,
    recorded_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status            VARCHAR(16)  NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'REPLAYED', 'DISCARDED')),
    replay_attempts   INT          NOT NULL DEFAULT 0,
    last_replay_error TEXT,
    resolved_at       TIMESTAMPTZ,
    resolved_by       VARCHAR(255),
    CONSTRAINT dead_letters_dlq_record_key UNIQUE (dlq_topic, dlq_partition, dlq_offset)
);
CREATE INDEX dead_letters_pending_idx ON dead_letters (id) WHERE status = 'PENDING';

-- order-service's own database "orders" (no foreign key leaves it: products and users live elsewhere).
CREATE TABLE orders (
    id                  UUID         PRIMARY KEY,
    -- the shopper: the token's subject
    user_id             VARCHAR(255) NOT NULL,
    -- the client's Idempotency-Key: one order per user and key, whatever the retries
    idempotency_key     VARCHAR(64)  NOT NULL,
    -- what the key was used for (SHA-256 of the request), to refuse the same key for a different request
    request_hash        VARCHAR(64)  NOT NULL,
    status              VARCHAR(24)  NOT NULL,
    cancellation_reason VARCHAR(32),
    currency            VARCHAR(3),
    total               NUMERIC(14, 2),
    -- the payment provider's token for the card, never the card number; the last four digits for display
    payment_token       VARCHAR(100) NOT NULL,
    card_last4          VARCHAR(4),
    -- when an instance took the payment step (a lease: one payment attempt at a time per order)
    payment_claimed_at  TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    version             BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT orders_idempotency_key UNIQUE (user_id, idempotency_key),
    CONSTRAINT orders_status CHECK (status IN ('PLACED', 'STOCK_RESERVED', 'PAYMENT_AUTHORIZED', 'CONFIRMED', 'CANCELLED'))
);
CREATE INDEX orders_user_created ON orders (user_id, created_at DESC);
CREATE INDEX orders_open ON orders (status, updated_at) WHERE status NOT IN ('CONFIRMED', 'CANCELLED');

-- name and unit_price: frozen from the catalog when the stock is reserved (null until then).
CREATE TABLE order_lines (
    order_id   UUID           NOT NULL REFERENCES orders (id),
    product_id BIGINT         NOT NULL,
    quantity   INT            NOT NULL CHECK (quantity > 0),
    name       VARCHAR(255),
    unit_price NUMERIC(12, 2),
    PRIMARY KEY (order_id, product_id)
);

-- The payment simulator's own ledger (it plays the provider: in production this lives at the provider).
CREATE TABLE simulated_payments (
    order_id   UUID           PRIMARY KEY,
    amount     NUMERIC(14, 2) NOT NULL,
    currency   VARCHAR(3)     NOT NULL,
    status     VARCHAR(40)    NOT NULL,
    created_at TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp(),
    updated_at TIMESTAMPTZ    NOT NULL DEFAULT clock_timestamp()
);

-- The transactional outbox (platform-outbox): stock commands and order events.
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
    binding           VARCHAR(100),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    published_at      TIMESTAMPTZ,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT
);
CREATE INDEX outbox_events_pending ON outbox_events (id) WHERE published_at IS NULL;
CREATE INDEX outbox_events_published_at ON outbox_events (published_at) WHERE published_at IS NOT NULL;

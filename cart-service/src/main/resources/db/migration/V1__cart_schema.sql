-- cart-service owns the database "cart". No table references anything outside this service: users are JWT subjects
-- (user_id text), products and categories are ids plus a denormalised snapshot kept current by catalog events.
-- Foreign keys exist only between this service's own tables.

CREATE TABLE carts (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT carts_user_id_key UNIQUE (user_id)
);

CREATE TABLE cart_items (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cart_id             BIGINT        NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    product_id          BIGINT        NOT NULL,
    quantity            INT           NOT NULL CHECK (quantity > 0),
    -- price the customer saw when the product was first added; never changes afterwards
    price_when_added    NUMERIC(19,4) NOT NULL CHECK (price_when_added >= 0),
    -- snapshot of the product, refreshed by catalog events and live reads at write time
    product_name        VARCHAR(255)  NOT NULL,
    unit_price          NUMERIC(19,4) NOT NULL CHECK (unit_price >= 0),
    currency            VARCHAR(3)       NOT NULL,
    category_id         BIGINT,
    category_name       VARCHAR(255),
    stock_quantity      INT           NOT NULL,
    product_active      BOOLEAN       NOT NULL,
    product_deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    product_version     BIGINT        NOT NULL,
    snapshot_updated_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    added_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT cart_items_cart_product_key UNIQUE (cart_id, product_id)
);
-- catalog events update every line of one product / category in one statement
CREATE INDEX cart_items_product_id_idx ON cart_items (product_id);
CREATE INDEX cart_items_category_id_idx ON cart_items (category_id) WHERE category_id IS NOT NULL;

CREATE TABLE wishlists (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT wishlists_user_id_key UNIQUE (user_id)
);

CREATE TABLE wishlist_items (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wishlist_id         BIGINT        NOT NULL REFERENCES wishlists (id) ON DELETE CASCADE,
    product_id          BIGINT        NOT NULL,
    product_name        VARCHAR(255)  NOT NULL,
    unit_price          NUMERIC(19,4) NOT NULL CHECK (unit_price >= 0),
    currency            VARCHAR(3)       NOT NULL,
    category_id         BIGINT,
    category_name       VARCHAR(255),
    stock_quantity      INT           NOT NULL,
    product_active      BOOLEAN       NOT NULL,
    product_deleted     BOOLEAN       NOT NULL DEFAULT FALSE,
    product_version     BIGINT        NOT NULL,
    snapshot_updated_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    added_at            TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT wishlist_items_wishlist_product_key UNIQUE (wishlist_id, product_id)
);
CREATE INDEX wishlist_items_product_id_idx ON wishlist_items (product_id);
CREATE INDEX wishlist_items_category_id_idx ON wishlist_items (category_id) WHERE category_id IS NOT NULL;

CREATE TABLE promo_codes (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            VARCHAR(64)   NOT NULL,
    description     VARCHAR(255),
    discount_type   VARCHAR(16)   NOT NULL CHECK (discount_type IN ('PERCENT', 'FIXED')),
    -- PERCENT: 0 < value <= 100; FIXED: an amount in currency
    discount_value  NUMERIC(19,4) NOT NULL CHECK (discount_value > 0),
    currency        VARCHAR(3),
    minimum_order   NUMERIC(19,4) CHECK (minimum_order IS NULL OR minimum_order >= 0),
    valid_from      TIMESTAMPTZ,
    valid_until     TIMESTAMPTZ,
    usage_limit     INT           CHECK (usage_limit IS NULL OR usage_limit >= 0),
    times_used      INT           NOT NULL DEFAULT 0 CHECK (times_used >= 0),
    active          BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT promo_codes_code_key UNIQUE (code),
    CONSTRAINT promo_codes_code_upper CHECK (code = upper(code)),
    CONSTRAINT promo_codes_percent_max CHECK (discount_type <> 'PERCENT' OR discount_value <= 100),
    CONSTRAINT promo_codes_fixed_currency CHECK (discount_type <> 'FIXED' OR currency IS NOT NULL),
    CONSTRAINT promo_codes_window CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from < valid_until),
    CONSTRAINT promo_codes_usage CHECK (usage_limit IS NULL OR times_used <= usage_limit)
);

-- at most one promo code per cart; applying reserves one use of the code, removing releases it
CREATE TABLE cart_promo_codes (
    cart_id       BIGINT      PRIMARY KEY REFERENCES carts (id) ON DELETE CASCADE,
    promo_code_id BIGINT      NOT NULL REFERENCES promo_codes (id),
    applied_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX cart_promo_codes_promo_idx ON cart_promo_codes (promo_code_id);

-- Event consumption: ids of processed events (idempotency, written in the same transaction as the change) and the
-- newest version applied per aggregate (older events are ignored).
CREATE TABLE processed_events (
    event_id          UUID        PRIMARY KEY,
    event_type        VARCHAR(64) NOT NULL,
    aggregate_type    VARCHAR(32) NOT NULL,
    aggregate_id      VARCHAR(64) NOT NULL,
    aggregate_version BIGINT,
    outcome           VARCHAR(16) NOT NULL,
    source            VARCHAR(16) NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    processed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX processed_events_processed_at_idx ON processed_events (processed_at);

CREATE TABLE aggregate_versions (
    aggregate_type VARCHAR(32) NOT NULL,
    aggregate_id   VARCHAR(64) NOT NULL,
    version        BIGINT      NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- Events that failed every attempt and went to the dead-letter topic, for operators (list, replay, discard).
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

-- Stock held for orders (the order saga, docs/order-saga.md). products.stock_quantity is what can still be sold;
-- a reservation takes its lines out of it with a conditional update (never below zero) and gives them back when
-- released or expired. One row per order, whatever happens to it, so a repeated or late command is answered from it:
-- initial stock = stock_quantity + reserved (RESERVED rows) + sold (CONFIRMED rows).
CREATE TABLE stock_reservations (
    order_id    UUID        PRIMARY KEY,
    status      VARCHAR(16) NOT NULL,
    reason      VARCHAR(32),
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT stock_reservations_status CHECK (status IN ('RESERVED', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'REJECTED'))
);
CREATE INDEX stock_reservations_expiry ON stock_reservations (expires_at) WHERE status = 'RESERVED';

-- The lines with the name and price frozen at reservation (no foreign key to products: a product may be deleted
-- while an order that bought it lives on).
CREATE TABLE stock_reservation_lines (
    order_id    UUID          NOT NULL REFERENCES stock_reservations (order_id),
    product_id  BIGINT        NOT NULL,
    quantity    INT           NOT NULL CHECK (quantity > 0),
    name        VARCHAR(255)  NOT NULL,
    unit_price  NUMERIC(12, 2) NOT NULL,
    currency    VARCHAR(3)    NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

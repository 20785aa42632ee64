-- The outbox became shared (platform-outbox) and carries messages for several bindings (catalog events, stock
-- replies to the order saga): each row may name its own; null is the relay's default (shopstack.outbox.binding).
ALTER TABLE outbox_events ADD COLUMN binding VARCHAR(100);

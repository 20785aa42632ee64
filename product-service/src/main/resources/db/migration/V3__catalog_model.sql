-- The catalog as a service of its own: money with a currency, an active flag, optimistic-locking versions,
-- unique category names, and indexes for the list endpoint's filters.
ALTER TABLE products ADD COLUMN IF NOT EXISTS currency VARCHAR(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE products ADD COLUMN IF NOT EXISTS active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE products ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE products ADD CONSTRAINT products_price_not_negative CHECK (price >= 0);
ALTER TABLE products ADD CONSTRAINT products_stock_not_negative CHECK (stock_quantity >= 0);

ALTER TABLE categories ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE categories ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE UNIQUE INDEX IF NOT EXISTS categories_name_unique ON categories (lower(name));

CREATE INDEX IF NOT EXISTS products_category_id ON products (category_id);
CREATE INDEX IF NOT EXISTS products_lower_name ON products (lower(name));

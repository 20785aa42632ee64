-- The catalog as it was before the split (the monolith's shape): products.category_id NOT NULL with a foreign key
-- to categories. An existing legacy database is baselined at this version (spring.flyway.baseline-on-migrate) and
-- upgraded in place by V2; a fresh database is created in this shape and upgraded the same way.
CREATE TABLE IF NOT EXISTS categories (
    id          BIGSERIAL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS products (
    id             BIGSERIAL PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    description    TEXT,
    price          NUMERIC(12, 2) NOT NULL,
    stock_quantity INTEGER NOT NULL DEFAULT 0,
    category_id    BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id) REFERENCES categories (id)
);

-- Catalog reads at a real shop's size (issue 16, docs/performance.md "Catalog at scale"): one index per allowed sort,
-- each also with the category filter in front, and a trigram index for the name search.
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): a role with CREATE on the database creates it, superuser or not,
-- e.g. the database's owner, as the infrastructure launcher's network mode makes it. Where the service's role may
-- not, an administrator runs `CREATE EXTENSION pg_trgm;` in the product database once before this migration
-- (README, "Running in production"); IF NOT EXISTS then skips it here.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The name search is lower(name) LIKE '%term%' (case-insensitive substring); this index answers it for terms of
-- three characters or more.
CREATE INDEX IF NOT EXISTS products_name_trgm ON products USING gin (lower(name) gin_trgm_ops);

-- ORDER BY <column> <dir>, id <dir> (the tiebreak follows the sort's direction, so one index serves both).
CREATE INDEX IF NOT EXISTS products_price_id ON products (price, id);
CREATE INDEX IF NOT EXISTS products_name_id ON products (name, id);
CREATE INDEX IF NOT EXISTS products_created_at_id ON products (created_at, id);
CREATE INDEX IF NOT EXISTS products_category_id_id ON products (category_id, id);
CREATE INDEX IF NOT EXISTS products_category_price_id ON products (category_id, price, id);
CREATE INDEX IF NOT EXISTS products_category_name_id ON products (category_id, name, id);
CREATE INDEX IF NOT EXISTS products_category_created_at_id ON products (category_id, created_at, id);

-- Covered by products_category_id_id; lower(name) equality is not a query the service makes.
DROP INDEX IF EXISTS products_category_id;
DROP INDEX IF EXISTS products_lower_name;

-- Statistics for the new index expression lower(name): without them the planner guesses how many names a search
-- matches, and may walk the primary key for a term that matches nothing.
ANALYZE products;

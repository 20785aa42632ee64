-- The guide's migration (database/migrations/remove_foreign_keys.sql, product part), idempotent as written there.
-- Remove foreign key constraint but keep the column
ALTER TABLE products DROP CONSTRAINT IF EXISTS products_category_id_fkey;
ALTER TABLE products ALTER COLUMN category_id DROP NOT NULL;

-- Add category_name column for denormalization
ALTER TABLE products ADD COLUMN IF NOT EXISTS category_name VARCHAR(100);

-- Populate category_name with existing data
UPDATE products
SET category_name = (SELECT name FROM categories WHERE categories.id = products.category_id)
WHERE category_id IS NOT NULL AND category_name IS NULL;

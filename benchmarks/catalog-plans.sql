-- The catalog list's SQL as ProductSearch sends it, under EXPLAIN ANALYZE (docs/performance.md, "Catalog at scale").
-- Against the local platform's product database, e.g. after `./platform catalog generate`:
--   psql -h 127.0.0.1 -p 5432 -U postgres -d product -f benchmarks/catalog-plans.sql
-- Category 1 is the demo catalog's Kitchen. The capped count (201 = the limit of 200, plus one) is the subquery; a
-- search counts nothing beyond its page (0 AS capped_total).
\set cols 'id, name, description, price, currency, stock_quantity, active, category_id, category_name, version, created_at, updated_at'
\set count_active '(SELECT count(*) FROM (SELECT 1 FROM products WHERE active LIMIT 201) counted)'
\set count_kitchen '(SELECT count(*) FROM (SELECT 1 FROM products WHERE category_id = 1 AND active LIMIT 201) counted)'
\echo '### list: WHERE active ORDER BY id ASC'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_active AS capped_total FROM products WHERE active ORDER BY id ASC LIMIT 21 OFFSET 0;
\echo '### search q=mug (default sort id)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, 0 AS capped_total FROM products WHERE lower(name) LIKE '%mug%' ESCAPE '\' AND active ORDER BY id ASC LIMIT 21 OFFSET 0;
\echo '### search for a term that matches nothing (q=zebra)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols FROM products WHERE lower(name) LIKE '%zebra%' ESCAPE '\' AND active ORDER BY id ASC LIMIT 21 OFFSET 0;
\echo '### category (Kitchen)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_kitchen AS capped_total FROM products WHERE category_id = 1 AND active ORDER BY id ASC LIMIT 21 OFFSET 0;
\echo '### category + sort price,desc'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_kitchen AS capped_total FROM products WHERE category_id = 1 AND active ORDER BY price DESC, id DESC LIMIT 21 OFFSET 0;
\echo '### sort id,desc'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_active AS capped_total FROM products WHERE active ORDER BY id DESC LIMIT 21 OFFSET 0;
\echo '### sort name,asc'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_active AS capped_total FROM products WHERE active ORDER BY name ASC, id ASC LIMIT 21 OFFSET 0;
\echo '### sort price,desc'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_active AS capped_total FROM products WHERE active ORDER BY price DESC, id DESC LIMIT 21 OFFSET 0;
\echo '### sort createdAt,desc'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, :count_active AS capped_total FROM products WHERE active ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET 0;
\echo '### search + sort price,desc (q=mug): matches first, then sorted'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT :cols, 0 AS capped_total FROM (SELECT :cols FROM products WHERE lower(name) LIKE '%mug%' ESCAPE '\' AND active OFFSET 0) matches ORDER BY price DESC, id DESC LIMIT 21 OFFSET 0;

package io.shopstack.product.catalog;

import io.shopstack.product.catalog.ProductDtos.PageView;
import io.shopstack.product.catalog.ProductDtos.ProductView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog list as plain SQL, shaped for the indexes of V5 (docs/performance.md, "Catalog at scale"): the page is
 * read with one row more than asked (that row only says whether a next page exists), the tiebreak {@code id} follows
 * the sort's direction so one index serves both directions, and the total is counted only up to
 * {@link #COUNT_LIMIT} rows: an exact {@code count(*)} over a million matches would cost more than the page itself.
 */
@Component
class ProductSearch {

    /**
     * Totals up to this many are exact; above, {@code totalElements} is this lower bound and not exact. Counting costs
     * rows examined: about this many divided by the share of products that match (a search for a word in 4.5 % of
     * names reads ~4 500 rows for 200, ~22 000 for 1 000: docs/performance.md).
     */
    static final int COUNT_LIMIT = 200;

    private static final String COLUMNS = "id, name, description, price, currency, stock_quantity, active, category_id,"
            + " category_name, version, created_at, updated_at";

    private final JdbcClient jdbc;

    ProductSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the list endpoint asks for: filters, one of the allowed sorts, a page. */
    record Query(
            Long categoryId,
            String nameContains,
            boolean includeInactive,
            ProductSort sort,
            boolean descending,
            int page,
            int size) {}

    /** The sortable fields and their columns (never user text in the SQL). */
    enum ProductSort {
        ID("id"),
        NAME("name"),
        PRICE("price"),
        CREATED_AT("created_at");

        private final String column;

        ProductSort(String column) {
            this.column = column;
        }

        static ProductSort fromApiName(String name) {
            return switch (name) {
                case "id" -> ID;
                case "name" -> NAME;
                case "price" -> PRICE;
                case "createdAt" -> CREATED_AT;
                default -> throw new IllegalArgumentException("unknown sort " + name);
            };
        }
    }

    PageView<ProductView> list(Query query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (query.categoryId() != null) {
            conditions.add("category_id = :categoryId");
            parameters.put("categoryId", query.categoryId());
        }
        boolean trigramSearch = false;
        if (query.nameContains() != null && !query.nameContains().isBlank()) {
            // Case-insensitive substring, as before; the trigram index products_name_trgm matches this expression.
            String term = query.nameContains().trim().toLowerCase(Locale.ROOT);
            conditions.add("lower(name) LIKE :pattern ESCAPE '\\'");
            parameters.put("pattern", "%" + escapeLike(term) + "%");
            trigramSearch = term.codePointCount(0, term.length()) >= 3;
        }
        if (!query.includeInactive()) {
            conditions.add("active");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String direction = query.descending() ? " DESC" : " ASC";
        String orderBy = query.sort() == ProductSort.ID
                ? " ORDER BY id" + direction
                : " ORDER BY " + query.sort().column + direction + ", id" + direction;
        long offset = (long) query.page() * query.size();
        // Count no further than needed: the limit, or just past the requested page when it lies beyond the limit. A
        // search counts nothing beyond its page (the page's own size + 1 rows say as much): counting 200 matches of a
        // common word reads thousands of rows, ten times the page's cost (docs/performance.md).
        boolean searching = parameters.containsKey("pattern");
        long countUpTo = (searching ? offset + query.size() : Math.max(COUNT_LIMIT, offset + query.size())) + 1;
        String cappedCount = "SELECT count(*) FROM (SELECT 1 FROM products" + where + " LIMIT :countUpTo) counted";
        String countColumn = searching ? "0" : "(" + cappedCount + ")";

        // One round trip: the capped count is an uncorrelated subquery, evaluated once (an InitPlan), not per row.
        // A search sorted by anything but id: the matches first (trigram index), then sorted. Left to itself the
        // planner may walk a sort index and filter, which takes seconds when the matches sit at its far end (cheap
        // mugs, sorted by price descending: docs/performance.md). OFFSET 0 keeps the subquery from being merged.
        String from = trigramSearch && query.sort() != ProductSort.ID
                ? " FROM (SELECT " + COLUMNS + " FROM products" + where + " OFFSET 0) matches"
                : " FROM products" + where;
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + ", " + countColumn + " AS capped_total" + from + orderBy
                        + " LIMIT :limit OFFSET :offset")
                .params(parameters)
                .param("countUpTo", countUpTo)
                .param("limit", query.size() + 1)
                .param("offset", offset)
                .query(ROW)
                .list();
        boolean hasNext = rows.size() > query.size();
        List<ProductView> content =
                rows.stream().limit(query.size()).map(Row::view).toList();

        long counted = rows.isEmpty()
                ? jdbc.sql(cappedCount) // a page past the end: count on its own
                        .params(parameters)
                        .param("countUpTo", countUpTo)
                        .query(Long.class)
                        .single()
                : searching ? offset + rows.size() : rows.getFirst().cappedTotal();
        boolean exact = counted < countUpTo;
        long total = exact ? counted : countUpTo - 1;
        int totalPages = (int) Math.ceilDiv(total, (long) query.size());
        if (!exact) {
            totalPages = Math.max(totalPages, query.page() + (hasNext ? 2 : 1));
        }
        return new PageView<>(content, query.page(), query.size(), total, totalPages, exact, hasNext);
    }

    private record Row(ProductView view, long cappedTotal) {}

    private static final RowMapper<Row> ROW = ProductSearch::row;

    private static Row row(ResultSet row, int number) throws SQLException {
        return new Row(view(row), row.getLong("capped_total"));
    }

    private static ProductView view(ResultSet row) throws SQLException {
        return new ProductView(
                row.getLong("id"),
                row.getString("name"),
                row.getString("description"),
                row.getBigDecimal("price"),
                row.getString("currency"),
                row.getInt("stock_quantity"),
                row.getBoolean("active"),
                row.getObject("category_id", Long.class),
                row.getString("category_name"),
                row.getLong("version"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code catalog generate|reset}: a large synthetic catalog for load tests (issue 16, "Catalog at scale"), written
 * with one {@code INSERT ... SELECT generate_series} straight into the local platform's product database.
 *
 * <p>It can only reach the launcher's own PostgreSQL of this state folder (127.0.0.1, the port from
 * {@code SHOPSTACK_POSTGRES_PORT}, the password-less admin role of local mode): there is no option for another
 * address, so it cannot be pointed at a production database. Generated rows are marked (their description starts
 * with {@value #MARKER}) and {@code reset} deletes exactly those. They bypass the service and its outbox: no catalog
 * events are sent for them (the cart reads products by id, so it still finds them).
 */
@Command(
        name = "catalog",
        header = "Fill the local catalog with generated products for load tests, or remove them again.",
        description = "Work on the product database of the running local platform (its PostgreSQL on 127.0.0.1; "
                + "never any other database).",
        subcommands = {CatalogCommand.Generate.class, CatalogCommand.Reset.class})
public final class CatalogCommand implements Runnable {

    /** Every generated product's and category's description starts with this; {@code reset} deletes only those. */
    static final String MARKER = "generated:";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: generate or reset");
    }

    /** Category → (noun, typical price in EUR). Nouns repeat across names, so searches like {@code q=mug} hit. */
    static final Map<String, List<String>> ASSORTMENT = new LinkedHashMap<>();

    static {
        ASSORTMENT.put(
                "Kitchen",
                List.of(
                        "mug|12",
                        "espresso cup|9",
                        "teapot|35",
                        "skillet|55",
                        "chef's knife|70",
                        "cutting board|25",
                        "saucepan|45",
                        "salad bowl|22"));
        ASSORTMENT.put(
                "Garden",
                List.of(
                        "trowel|15",
                        "pruning shears|28",
                        "watering can|20",
                        "planter|30",
                        "garden hose|35",
                        "bird feeder|18"));
        ASSORTMENT.put("Books", List.of("cookbook|30", "travel guide|22", "notebook|9", "novel|18", "atlas|45"));
        ASSORTMENT.put(
                "Outdoor",
                List.of(
                        "tent|250",
                        "sleeping bag|120",
                        "headlamp|35",
                        "water bottle|25",
                        "backpack|90",
                        "camping mug|14"));
        ASSORTMENT.put(
                "Electronics",
                List.of("headphones|150", "charger|35", "keyboard|110", "monitor|300", "mouse|30", "speaker|80"));
        ASSORTMENT.put("Toys", List.of("puzzle|20", "train set|50", "plush fox|18", "kite|24", "building blocks|45"));
        ASSORTMENT.put("Bath", List.of("towel|20", "bath mat|25", "soap dish|12", "shower caddy|30", "robe|60"));
        ASSORTMENT.put(
                "Office",
                List.of("desk lamp|45", "desk organiser|25", "fountain pen|60", "stapler|15", "travel mug|22"));
        ASSORTMENT.put(
                "Home",
                List.of("cushion|30", "throw blanket|55", "candle|15", "vase|40", "picture frame|20", "wall clock|45"));
        ASSORTMENT.put(
                "Sports", List.of("yoga mat|35", "dumbbell|40", "football|25", "tennis racket|120", "jump rope|12"));
        ASSORTMENT.put("Pets", List.of("dog bowl|15", "cat bed|45", "leash|20", "scratching post|55", "pet brush|14"));
        ASSORTMENT.put(
                "Beauty", List.of("hand cream|12", "hair brush|18", "face mask|9", "perfume|70", "shaving kit|45"));
    }

    static final List<String> ADJECTIVES = List.of(
            "Classic",
            "Nordic",
            "Compact",
            "Large",
            "Small",
            "Premium",
            "Everyday",
            "Vintage",
            "Modern",
            "Rustic",
            "Travel",
            "Deluxe",
            "Handmade",
            "Eco",
            "Pro",
            "Mini");

    static final List<String> MATERIALS = List.of(
            "stoneware",
            "bamboo",
            "steel",
            "oak",
            "linen",
            "ceramic",
            "enamel",
            "cotton",
            "glass",
            "recycled",
            "cast iron",
            "walnut",
            "wool",
            "aluminium");

    static final List<String> COLOURS =
            List.of("white", "black", "sage", "navy", "sand", "terracotta", "grey", "mustard", "forest green", "blush");

    @Command(
            name = "generate",
            header = "Add generated products until the catalog holds that many of them (idempotent).",
            description = "Add generated products (realistic names, categories, prices, stock, creation dates) with "
                    + "one INSERT ... SELECT generate_series until there are <products> of them, then VACUUM ANALYZE "
                    + "the table. Run it after `./platform up` (product-service must have migrated the database). "
                    + "Existing products, the demo catalog included, are kept; `catalog reset` removes the "
                    + "generated ones.",
            footerHeading = "%nEnvironment:%n",
            footer = {"  SHOPSTACK_POSTGRES_PORT  the local platform's PostgreSQL port (default 5432)"})
    static final class Generate implements Callable<Integer> {

        @Option(
                names = "--products",
                paramLabel = "<n>",
                defaultValue = "1000000",
                description = "How many generated products the catalog should hold (default ${DEFAULT-VALUE}).")
        int products;

        private final LocalPlatform platform;

        Generate(LocalPlatform platform) {
            this.platform = platform;
        }

        @Override
        public Integer call() throws Exception {
            if (products < 0 || products > 20_000_000) {
                throw new IllegalArgumentException("--products must be between 0 and 20000000");
            }
            PrintStream out = System.out;
            try (Connection db = connect(platform)) {
                requireMigrated(db);
                List<Long> categoryIds = ensureCategories(db);
                long existing = count(db, "SELECT count(*) FROM products WHERE description LIKE '" + MARKER + "%'");
                long missing = products - existing;
                if (missing <= 0) {
                    out.printf("The catalog already holds %d generated products; nothing to add.%n", existing);
                    return 0;
                }
                out.printf("Adding %d generated products (%d there already)...%n", missing, existing);
                long began = System.nanoTime();
                insert(db, categoryIds, existing, missing);
                long inserted = System.nanoTime();
                try (Statement statement = db.createStatement()) {
                    // Fresh statistics for the planner and a set visibility map for index-only scans.
                    statement.execute("VACUUM (ANALYZE) products");
                }
                out.printf(
                        "Inserted in %.1f s, VACUUM ANALYZE in %.1f s; %d products in the catalog.%n",
                        (inserted - began) / 1e9,
                        (System.nanoTime() - inserted) / 1e9,
                        count(db, "SELECT count(*) FROM products"));
                return 0;
            }
        }

        /** Categories of the assortment, created when missing (by name, as the API's uniqueness rule has it). */
        private static List<Long> ensureCategories(Connection db) throws SQLException {
            List<Long> ids = new ArrayList<>();
            for (String name : ASSORTMENT.keySet()) {
                try (PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO categories (name, description) VALUES (?, ?)
                        ON CONFLICT (lower(name)) DO NOTHING""")) {
                    insert.setString(1, name);
                    insert.setString(2, MARKER + " " + name.toLowerCase() + " for load tests");
                    insert.executeUpdate();
                }
                try (PreparedStatement find =
                        db.prepareStatement("SELECT id FROM categories WHERE lower(name) = lower(?)")) {
                    find.setString(1, name);
                    try (ResultSet result = find.executeQuery()) {
                        result.next();
                        ids.add(result.getLong(1));
                    }
                }
            }
            return ids;
        }

        /**
         * One statement: row g picks its noun (and with it category and typical price) and its adjective, material
         * and colour from g, so names are varied but reproducible; price, stock, active and age are random around
         * realistic values (seeded, so a rerun makes the same catalog).
         */
        private static void insert(Connection db, List<Long> categoryIds, long existing, long missing)
                throws SQLException {
            List<String> nouns = new ArrayList<>();
            List<Long> nounCategory = new ArrayList<>();
            List<String> nounCategoryName = new ArrayList<>();
            List<Integer> nounPrice = new ArrayList<>();
            int index = 0;
            for (var entry : ASSORTMENT.entrySet()) {
                for (String item : entry.getValue()) {
                    String[] fields = item.split("\\|");
                    nouns.add(fields[0]);
                    nounPrice.add(Integer.parseInt(fields[1]));
                    nounCategory.add(categoryIds.get(index));
                    nounCategoryName.add(entry.getKey());
                }
                index++;
            }
            try (Statement seed = db.createStatement()) {
                seed.execute("SELECT setseed(0.16)");
            }
            try (PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO products (name, description, price, currency, stock_quantity, active, category_id,
                                          category_name, version, created_at, updated_at)
                    SELECT initcap(a.adjective) || ' ' || a.material || ' ' || n.noun || ', ' || a.colour,
                           ? || ' ' || n.noun || ' no. ' || g,
                           round((n.price * (0.5 + random() * 1.5))::numeric, 1) + 0.09,
                           'EUR',
                           CASE WHEN random() < 0.05 THEN 0 ELSE 1 + floor(random() * 250)::int END,
                           random() >= 0.03,
                           n.category_id, n.category_name, 0, a.created_at, a.created_at
                    FROM generate_series(?::bigint, ?::bigint) AS g
                    CROSS JOIN LATERAL (SELECT
                        (?::text[])[1 + (g * 7919) % cardinality(?::text[])] AS adjective,
                        (?::text[])[1 + (g * 104729) % cardinality(?::text[])] AS material,
                        (?::text[])[1 + (g * 1299709) % cardinality(?::text[])] AS colour,
                        now() - random() * interval '730 days' AS created_at,
                        1 + (g * 15485863) % ? AS noun_index) AS a
                    CROSS JOIN LATERAL (SELECT
                        (?::text[])[a.noun_index] AS noun,
                        (?::bigint[])[a.noun_index] AS category_id,
                        (?::text[])[a.noun_index] AS category_name,
                        (?::int[])[a.noun_index] AS price) AS n""")) {
                Array adjectives = db.createArrayOf("text", ADJECTIVES.toArray());
                Array materials = db.createArrayOf("text", MATERIALS.toArray());
                Array colours = db.createArrayOf("text", COLOURS.toArray());
                int p = 1;
                insert.setString(p++, MARKER);
                insert.setLong(p++, existing + 1);
                insert.setLong(p++, existing + missing);
                insert.setArray(p++, adjectives);
                insert.setArray(p++, adjectives);
                insert.setArray(p++, materials);
                insert.setArray(p++, materials);
                insert.setArray(p++, colours);
                insert.setArray(p++, colours);
                insert.setInt(p++, nouns.size());
                insert.setArray(p++, db.createArrayOf("text", nouns.toArray()));
                insert.setArray(p++, db.createArrayOf("bigint", nounCategory.toArray()));
                insert.setArray(p++, db.createArrayOf("text", nounCategoryName.toArray()));
                insert.setArray(p, db.createArrayOf("integer", nounPrice.toArray()));
                insert.executeUpdate();
            }
        }
    }

    @Command(
            name = "reset",
            header = "Delete the generated products and categories; everything else stays.",
            description = "Delete every product and category that `catalog generate` made (their description starts "
                    + "with \"" + MARKER + "\"), then VACUUM ANALYZE; the demo catalog and products made through the "
                    + "API stay.",
            footerHeading = "%nEnvironment:%n",
            footer = {"  SHOPSTACK_POSTGRES_PORT  the local platform's PostgreSQL port (default 5432)"})
    static final class Reset implements Callable<Integer> {

        private final LocalPlatform platform;

        Reset(LocalPlatform platform) {
            this.platform = platform;
        }

        @Override
        public Integer call() throws Exception {
            try (Connection db = connect(platform);
                    Statement statement = db.createStatement()) {
                requireMigrated(db);
                int products = statement.executeUpdate("DELETE FROM products WHERE description LIKE '" + MARKER + "%'");
                // A generated category that an API-made product uses stays.
                int categories = statement.executeUpdate("DELETE FROM categories c WHERE description LIKE '" + MARKER
                        + "%' AND NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id)");
                statement.execute("VACUUM (ANALYZE) products");
                System.out.printf("Deleted %d generated products and %d categories.%n", products, categories);
                return 0;
            }
        }
    }

    /** The launcher's local PostgreSQL only: loopback, its port, the admin role of local mode (no password). */
    static Connection connect(LocalPlatform platform) throws SQLException {
        int port = platform.infrastructureSettings().postgresPort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/product";
        try {
            return DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
            throw new SQLException(
                    "cannot reach the local platform's product database at " + url + " (is `./platform up` running?): "
                            + e.getMessage(),
                    e);
        }
    }

    static void requireMigrated(Connection db) throws SQLException {
        if (count(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'products'") == 0) {
            throw new IllegalStateException(
                    "the product database has no products table yet: start product-service once (./platform up)");
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}

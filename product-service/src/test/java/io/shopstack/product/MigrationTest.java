package io.shopstack.product;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.WithInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FK-removal migration (docs/fk-removal-migration.md), on real PostgreSQL: a legacy database upgraded in place,
 * and a fresh one.
 */
@WithInfrastructure(Server.POSTGRES)
class MigrationTest {

    @Test
    void aLegacyCatalogIsUpgradedInPlaceAndEndsLikeAFreshOne(EmbeddedInfrastructure infrastructure) throws Exception {
        infrastructure.ensureDatabase("legacy_catalog");
        infrastructure.ensureDatabase("fresh_catalog");
        try (Connection legacy = connect(infrastructure, "legacy_catalog");
                Statement sql = legacy.createStatement()) {
            // The monolith's catalog: products bound to categories by a foreign key, category_id required.
            sql.execute("""
                    CREATE TABLE categories (id BIGSERIAL PRIMARY KEY, name VARCHAR(100) NOT NULL, description TEXT,
                                             created_at TIMESTAMPTZ NOT NULL DEFAULT now());
                    CREATE TABLE products (id BIGSERIAL PRIMARY KEY, name VARCHAR(200) NOT NULL, description TEXT,
                                           price NUMERIC(12, 2) NOT NULL, stock_quantity INTEGER NOT NULL DEFAULT 0,
                                           category_id BIGINT NOT NULL REFERENCES categories (id),
                                           created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
                    INSERT INTO categories (name) VALUES ('Kitchen'), ('Garden');
                    INSERT INTO products (name, price, stock_quantity, category_id) VALUES
                        ('Mug', 9.90, 10, 1), ('Kettle', 39.00, 2, 1), ('Rake', 19.50, 0, 2);""");
            assertThat(foreignKeysBetweenProductsAndCategories(legacy)).containsExactly("products_category_id_fkey");
        }

        migrate(infrastructure, "legacy_catalog");
        migrate(infrastructure, "fresh_catalog");

        try (Connection legacy = connect(infrastructure, "legacy_catalog");
                Connection fresh = connect(infrastructure, "fresh_catalog")) {
            for (Connection database : List.of(legacy, fresh)) {
                assertThat(foreignKeysBetweenProductsAndCategories(database)).isEmpty();
                assertThat(
                                query(
                                        database,
                                        "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'products' AND column_name = 'category_id'"))
                        .containsExactly("YES");
            }
            assertThat(query(legacy, "SELECT name || ':' || category_name FROM products ORDER BY id"))
                    .containsExactly("Mug:Kitchen", "Kettle:Kitchen", "Rake:Garden");
            assertThat(query(
                            legacy,
                            "SELECT count(*) FROM products WHERE category_id IS NOT NULL AND category_name IS NULL"))
                    .containsExactly("0");
            assertThat(query(
                            legacy,
                            "SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("1:true", "2:true", "3:true", "4:true", "5:true", "6:true", "7:true", "8:true");
            assertThat(columns(legacy)).isEqualTo(columns(fresh));
        }

        // V2 is idempotent: running its SQL again changes nothing and does not fail.
        try (Connection legacy = connect(infrastructure, "legacy_catalog");
                Statement sql = legacy.createStatement()) {
            sql.execute(new String(getClass()
                    .getResourceAsStream("/db/migration/V2__remove_cross_service_foreign_keys.sql")
                    .readAllBytes()));
            assertThat(query(legacy, "SELECT count(*) FROM products WHERE category_name IS NULL"))
                    .containsExactly("0");
        }
    }

    private static void migrate(EmbeddedInfrastructure infrastructure, String database) {
        Flyway.configure()
                .dataSource(infrastructure.jdbcUrl(database), infrastructure.databaseUser(), "")
                .locations("classpath:db/migration")
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load()
                .migrate();
    }

    private static List<String> foreignKeysBetweenProductsAndCategories(Connection connection) throws Exception {
        return query(connection, """
                SELECT conname FROM pg_constraint
                WHERE contype = 'f' AND ((conrelid = 'products'::regclass AND confrelid = 'categories'::regclass)
                                      OR (conrelid = 'categories'::regclass AND confrelid = 'products'::regclass))""");
    }

    private static List<String> columns(Connection connection) throws Exception {
        return query(connection, """
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('products', 'categories')
                ORDER BY table_name, column_name""");
    }

    private static List<String> query(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    private static Connection connect(EmbeddedInfrastructure infrastructure, String database) throws Exception {
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.databaseUser(), "");
    }
}

package io.shopstack.auth;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** A database of a test's own with auth-server's schema (Flyway), emptied first: each test starts from nothing. */
public final class FreshAuthDatabase {

    private FreshAuthDatabase() {}

    public static DataSource migrated(EmbeddedInfrastructure infrastructure, String database) throws Exception {
        infrastructure.ensureDatabase(database);
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(infrastructure.jdbcUrl(database), infrastructure.databaseUser(), "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load()
                .clean();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }
}

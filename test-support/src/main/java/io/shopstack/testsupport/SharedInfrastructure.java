package io.shopstack.testsupport;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.InfrastructureSettings;
import io.shopstack.infrastructure.Server;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one embedded infrastructure of this test JVM. Started lazily with the servers the first test needs, extended
 * when a later test needs more, stopped by a shutdown hook (after the last test, whatever the test engine does).
 */
public final class SharedInfrastructure {

    private static EmbeddedInfrastructure instance;

    private SharedInfrastructure() {}

    /** Ensures the given servers run (and the database exists), and returns the shared infrastructure. */
    public static synchronized EmbeddedInfrastructure require(Set<Server> servers, String database) {
        if (instance == null) {
            instance = new EmbeddedInfrastructure(InfrastructureSettings.forTests());
            EmbeddedInfrastructure created = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close, "shopstack-test-infrastructure-stop"));
        }
        try {
            instance.start(servers);
            if (database != null && !database.isBlank()) {
                instance.ensureDatabase(database);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Starting the test infrastructure failed: " + e.getMessage(), e);
        }
        return instance;
    }

    static EmbeddedInfrastructure require(WithInfrastructure annotation) {
        Set<Server> servers = EnumSet.noneOf(Server.class);
        servers.addAll(Arrays.asList(annotation.value()));
        return require(servers, annotation.database());
    }
}

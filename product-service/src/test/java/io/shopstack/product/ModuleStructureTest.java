package io.shopstack.product;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * product-service's feature packages (catalog, outbox, demo) as Spring Modulith
 * application modules: no dependency cycles between them, no use of another module's internals.
 */
@Tag("architecture")
class ModuleStructureTest {

    private static final String CONFIG_CLIENT = "spring.cloud.config.enabled";

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        modules().verify();
    }

    /**
     * Modulith reads the application's configuration for its detection strategy; without this it would ask
     * config-server (application.yml imports it, fail-fast). Set only while the modules are read.
     */
    private static ApplicationModules modules() {
        String before = System.getProperty(CONFIG_CLIENT);
        System.setProperty(CONFIG_CLIENT, "false");
        try {
            return ApplicationModules.of(ProductServiceApplication.class);
        } finally {
            if (before == null) {
                System.clearProperty(CONFIG_CLIENT);
            } else {
                System.setProperty(CONFIG_CLIENT, before);
            }
        }
    }
}

package io.shopstack.testsupport;

import org.springframework.modulith.core.ApplicationModules;

/**
 * A service's feature packages as Spring Modulith application modules (each direct sub-package of the application's
 * package): {@link #verify(Class)} fails on a dependency cycle between them or on use of another module's internals.
 */
public final class ModuleStructure {

    private static final String CONFIG_CLIENT = "spring.cloud.config.enabled";

    private ModuleStructure() {}

    public static void verify(Class<?> application) {
        modulesOf(application).verify();
    }

    /**
     * Modulith reads the application's configuration for its detection strategy; without this it would ask
     * config-server (the services' application.yml imports it, fail-fast). Set only while the modules are read.
     */
    static ApplicationModules modulesOf(Class<?> application) {
        String before = System.getProperty(CONFIG_CLIENT);
        System.setProperty(CONFIG_CLIENT, "false");
        try {
            return ApplicationModules.of(application);
        } finally {
            if (before == null) {
                System.clearProperty(CONFIG_CLIENT);
            } else {
                System.setProperty(CONFIG_CLIENT, before);
            }
        }
    }
}

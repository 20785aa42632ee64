package io.shopstack.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployable of the platform: its Maven module, its default port and the environment variable that changes it
 * (the same variable its clients read, e.g. {@code CONFIG_SERVER_PORT}, {@code EUREKA_PORT}).
 */
public record ServiceSpec(String name, int defaultPort, String portVariable) {

    /** Start order: config first (everything reads it), then discovery, the issuer, the services, the entry point. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("config-server", 8888, "CONFIG_SERVER_PORT"),
            new ServiceSpec("discovery", 8761, "EUREKA_PORT"),
            new ServiceSpec("auth-server", 9000, "AUTH_SERVER_PORT"),
            new ServiceSpec("product-service", 8002, "PRODUCT_SERVICE_PORT"),
            new ServiceSpec("cart-service", 8003, "CART_SERVICE_PORT"),
            new ServiceSpec("order-service", 8004, "ORDER_SERVICE_PORT"),
            new ServiceSpec("gateway", 8080, "GATEWAY_PORT"),
            new ServiceSpec("observability", 9090, "ADMIN_PORT"));

    public static Optional<ServiceSpec> named(String name) {
        return ALL.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    public int port(Map<String, String> environment) {
        String value = environment.get(portVariable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(portVariable + " must be a port number, was '" + value + "'");
        }
    }

    /** The executable jar the build produced for this service. */
    Path jar(Path root) {
        Path target = root.resolve(name).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(file -> {
                        String fileName = file.getFileName().toString();
                        return fileName.startsWith(name + "-") && fileName.endsWith(".jar");
                    })
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("No jar in " + target + ": build with ./mvnw package"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("No jar in " + target + ": build with ./mvnw package", e);
        }
    }
}

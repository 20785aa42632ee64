package io.shopstack.cli;

import java.nio.file.Path;
import java.util.Map;

/** Where a checkout keeps its local state (git-ignored {@code .shopstack/}). */
public record PlatformPaths(Path root, Path state) {

    public static PlatformPaths from(Map<String, String> environment) {
        Path root = Path.of(environment.getOrDefault("SHOPSTACK_ROOT", System.getProperty("user.dir")))
                .toAbsolutePath()
                .normalize();
        Path state = Path.of(environment.getOrDefault(
                        "SHOPSTACK_HOME", root.resolve(".shopstack").toString()))
                .toAbsolutePath();
        return new PlatformPaths(root, state);
    }

    public Path infrastructure() {
        return state.resolve("infrastructure");
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path servicePids() {
        return state.resolve("run").resolve("services");
    }
}

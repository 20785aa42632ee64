package io.shopstack.e2e;

import io.shopstack.platform.production.ProductionRequirements;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a deployable requires under prod, read as the prod guard reads it (its resources plus the guard's groups). */
final class DeployableRequirements {

    private static final Path ROOT = RunningPlatform.findRoot();

    private DeployableRequirements() {}

    static Set<String> of(String deployable) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String module : List.of(deployable, "platform-production")) {
            Path classes = ROOT.resolve(module).resolve("target/classes");
            // Without a build the sources hold the same files (the guard reads resources, no classes).
            Path location =
                    Files.isDirectory(classes) ? classes : ROOT.resolve(module).resolve("src/main/resources");
            urls.add(location.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return ProductionRequirements.load(loader).variables();
        }
    }
}

package io.shopstack.e2e;

import io.shopstack.cli.ServiceSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every deployable's real jar, started with {@code SPRING_PROFILES_ACTIVE=prod} the way a deployment starts it: without
 * its variables it exits non-zero with one line naming all of them; with a development secret among otherwise
 * production values it refuses too, naming that variable. (No platform needed: the refusal comes before any
 * connection.)
 */
class ProductionModeTest {

    private static final Path ROOT = RunningPlatform.findRoot();

    static Stream<String> deployables() {
        return ServiceSpec.ALL.stream().map(ServiceSpec::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void withoutItsVariablesProdExitsNamingThem(String deployable) throws Exception {
        Set<String> required = DeployableRequirements.of(deployable);
        assertThat(required).as("what %s needs under prod", deployable).isNotEmpty();

        Run run = start(deployable, Map.of());

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .as("one line naming every required variable")
                .contains("The prod profile refuses to start (missing or empty: " + String.join(", ", required) + ").");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployables")
    void aDevelopmentSecretIsRefused(String deployable) throws Exception {
        Set<String> required = DeployableRequirements.of(deployable);
        String secret = required.stream()
                .filter(name -> name.contains("PASSWORD") || name.contains("SECRET") || name.contains("KEY"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(deployable + " requires no secret: " + required));
        Map<String, String> environment = new java.util.HashMap<>();
        for (String name : required) {
            environment.put(name, productionLookingValue(name));
        }
        environment.put(secret, deployable + "-dev-password");

        Run run = start(deployable, environment);

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("The prod profile refuses to start (development value in: " + secret + ").")
                .doesNotContain(deployable + "-dev-password");
    }

    private static String productionLookingValue(String name) {
        if (name.endsWith("_PORT")) {
            return "6380";
        }
        if (name.endsWith("_URL") || name.endsWith("_URI") || name.equals("SHOPSTACK_ISSUER")) {
            return "https://" + name.toLowerCase().replace('_', '-') + ".prod.example";
        }
        if (name.endsWith("PROTOCOL")) {
            return "SASL_SSL";
        }
        return name.toLowerCase() + "-Zq8vR2";
    }

    private record Run(int exitCode, String output) {}

    private static Run start(String deployable, Map<String, String> variables) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(ROOT.resolve(deployable).resolve("target"))) {
            jar = files.filter(file -> file.getFileName().toString().startsWith(deployable + "-")
                            && file.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow();
        }
        Path output = Files.createTempFile("prod-" + deployable, ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .directory(Files.createTempDirectory("prod-" + deployable).toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Only what a bare deployment has: no development variables of this machine leak in.
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("SHOPSTACK_")
                        || name.startsWith("SPRING_")
                        || name.startsWith("CONFIG_")
                        || name.startsWith("EUREKA_")
                        || name.endsWith("_PASSWORD")
                        || name.endsWith("_SECRET"));
        builder.environment().putAll(variables);
        builder.environment().put("SPRING_PROFILES_ACTIVE", "prod");
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    deployable + " neither started nor refused within 90 s: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }
}

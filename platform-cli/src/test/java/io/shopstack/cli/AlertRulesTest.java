package io.shopstack.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules behave as their unit tests say ({@code observability/prometheus/alerts.test.yml}: series in,
 * alerts out, including ServiceDown after Eureka dropped the dead instance), and the Kubernetes example configuration
 * is valid. Needs promtool on the PATH ({@code .ci/run} installs Debian's prometheus package); skipped otherwise.
 */
@Tag("unit")
class AlertRulesTest {

    private static final Path PROMETHEUS =
            Path.of("..").toAbsolutePath().normalize().resolve("observability/prometheus");

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        Path promtool = promtool();
        String output = run(PROMETHEUS, promtool.toString(), "test", "rules", "alerts.test.yml");
        assertThat(output).contains("SUCCESS");
    }

    /**
     * Debian's Prometheus is built without Kubernetes service discovery ("field kubernetes_sd_configs not found"), so
     * promtool checks everything else of the example (oauth2, basic auth, relabelling, rule files) with each
     * kubernetes_sd_configs replaced by a static target.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesExampleFindsShopstackPodsAndIsOtherwiseAValidConfiguration(@TempDir Path directory)
            throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(PROMETHEUS.resolve("prometheus-kubernetes.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        assertThat(jobs).extracting(job -> job.get("job_name")).containsExactly("shopstack", "shopstack-discovery");
        for (Map<String, Object> job : jobs) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Map<String, Object> pods = ((List<Map<String, Object>>) job.get("kubernetes_sd_configs")).getFirst();
            assertThat(pods.get("role")).isEqualTo("pod");
            assertThat(((List<Map<String, Object>>) pods.get("selectors"))
                            .getFirst()
                            .get("label"))
                    .asString()
                    .contains("app.kubernetes.io/part-of=shopstack");
            job.remove("kubernetes_sd_configs");
            job.put("static_configs", List.of(Map.of("targets", List.of("10.0.0.1:8080"))));
        }
        assertThat((Map<String, Object>) jobs.getFirst().get("oauth2"))
                .containsEntry("client_id", "prometheus")
                .containsEntry("scopes", List.of("metrics:read"));
        // The application label as Eureka spells it, so alerts.yml works with both configurations.
        assertThat((List<Map<String, Object>>) jobs.getFirst().get("relabel_configs"))
                .anySatisfy(rule -> assertThat(rule)
                        .containsEntry("target_label", "application")
                        .containsEntry("action", "uppercase"));

        Files.writeString(directory.resolve("prometheus.yml"), new Yaml().dump(config));
        Files.copy(PROMETHEUS.resolve("alerts.yml"), directory.resolve("alerts.yml"));
        run(directory, promtool().toString(), "check", "config", "prometheus.yml");
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }

    private static Path promtool() {
        Optional<Path> found = Arrays.stream(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        Assumptions.assumeTrue(
                found.isPresent(),
                "promtool is not on the PATH (apt install prometheus): the alert rule tests in "
                        + "observability/prometheus/alerts.test.yml were NOT run");
        return found.orElseThrow();
    }
}

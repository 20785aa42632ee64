package io.shopstack.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped Prometheus configuration renders completely and is well-formed (and valid for promtool, if installed). */
class PrometheusConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> VARIABLES = Map.of(
            "EUREKA_PORT",
            "8761",
            "CONFIG_SERVER_PORT",
            "8888",
            "EUREKA_PROMETHEUS_PASSWORD",
            "prometheus-eureka-secret",
            "PROMETHEUS_CLIENT_SECRET",
            "prometheus-secret",
            "SHOPSTACK_ISSUER",
            "http://localhost:9000");

    @Test
    @SuppressWarnings("unchecked")
    void theConfigurationRendersAndScrapesServicesFromEurekaWithAServiceToken(@TempDir Path directory)
            throws Exception {
        String rendered = PrometheusRunner.render(
                Files.readString(ROOT.resolve("observability/prometheus/prometheus.yml")), VARIABLES);
        assertThat(rendered).doesNotContain("${");
        Map<String, Object> config = new Yaml().load(rendered);
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).getFirst();
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat((Map<String, Object>) job.get("oauth2"))
                .containsEntry("token_url", "http://localhost:9000/oauth2/token")
                .containsEntry("scopes", List.of("metrics:read"));
        // Service discovery with Prometheus' own read-only Eureka identity.
        Map<String, Object> eureka = ((List<Map<String, Object>>) job.get("eureka_sd_configs")).getFirst();
        assertThat((Map<String, Object>) eureka.get("basic_auth"))
                .containsEntry("username", "prometheus")
                .containsEntry("password", "prometheus-eureka-secret");

        Map<String, Object> rules =
                new Yaml().load(Files.readString(ROOT.resolve("observability/prometheus/alerts.yml")));
        List<Map<String, Object>> alerts = ((List<Map<String, Object>>)
                        ((List<Map<String, Object>>) rules.get("groups"))
                                .getFirst()
                                .get("rules"))
                .stream()
                        .filter(rule -> rule.containsKey("alert")) // not the recording rules
                        .toList();
        assertThat(alerts)
                .extracting(rule -> rule.get("alert"))
                .contains(
                        "CircuitBreakerOpen",
                        "DeadLetterQueueNotEmpty",
                        "OutboxBacklog",
                        "High5xxRate",
                        "RateLimitRejectionsSpike",
                        "ServiceDown",
                        "InstanceDown");
        assertThat(alerts).allSatisfy(rule -> assertThat(rule).containsKeys("expr", "labels", "annotations"));

        Path promtool = Path.of("/usr/bin/promtool");
        if (Files.isExecutable(promtool)) {
            Files.writeString(directory.resolve("prometheus.yml"), rendered);
            Files.copy(ROOT.resolve("observability/prometheus/alerts.yml"), directory.resolve("alerts.yml"));
            Process check = new ProcessBuilder(
                            promtool.toString(),
                            "check",
                            "config",
                            directory.resolve("prometheus.yml").toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(check.exitValue()).as(output).isZero();
        }
    }

    @Test
    void aMissingValueIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> PrometheusRunner.render("password: ${EUREKA_PROMETHEUS_PASSWORD}", Map.of()))
                .hasMessageContaining("EUREKA_PROMETHEUS_PASSWORD");
    }

    @Test
    void dashboardsAreValidJsonWithPanels() throws Exception {
        try (var files = Files.list(ROOT.resolve("observability/grafana/dashboards"))) {
            List<Path> dashboards = files.toList();
            assertThat(dashboards).hasSize(4);
            for (Path dashboard : dashboards) {
                Map<String, Object> json = new Yaml().load(Files.readString(dashboard)); // JSON is YAML
                assertThat(json).containsKeys("uid", "title", "panels");
                assertThat((List<?>) json.get("panels")).isNotEmpty();
            }
        }
    }
}

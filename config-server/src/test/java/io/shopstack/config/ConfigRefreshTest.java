package io.shopstack.config;

import io.shopstack.configtest.democlient.BusSubscriptionProbe;
import io.shopstack.configtest.democlient.DemoClientApplication;
import io.shopstack.configtest.democlient.DemoProperties;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.WithInfrastructure;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RevertCommand;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The config server on real servers: a real git repository (committed on {@code main}), a real embedded Kafka as the
 * Spring Cloud Bus, the config server and a config client running side by side in this JVM. A commit followed by
 * {@code POST /monitor} reaches the running client without a restart; so does the revert.
 */
@WithInfrastructure(Server.KAFKA)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigRefreshTest {

    private static final String USER = "config";
    private static final String PASSWORD = "config-dev-password";
    private static final Duration BUS_TIMEOUT = Duration.ofSeconds(30);

    private Path repository;
    private Git git;
    private ConfigurableApplicationContext server;
    private ConfigurableApplicationContext client;
    private String serverUrl;
    private StubIssuer issuer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void startGitRepositoryConfigServerAndClient(EmbeddedInfrastructure infrastructure, @TempDir Path temp)
            throws Exception {
        repository = temp.resolve("config-git");
        git = Git.init()
                .setInitialBranch("main")
                .setDirectory(repository.toFile())
                .call();
        write("application.yml", "shared:\n  origin: config-repo\n");
        write("demo-client.yml", "demo:\n  greeting: hello v1\n");
        commit("Initial configuration");

        String kafka = infrastructure.kafkaBootstrapServers();
        issuer = new StubIssuer();
        server = new SpringApplicationBuilder(ConfigServerApplication.class)
                .run(
                        "--server.port=0",
                        "--SHOPSTACK_ISSUER=" + issuer.url(),
                        // A file: URI, as the launcher passes it: it must be cloned, not served from the work tree.
                        "--spring.cloud.config.server.git.uri=" + repository.toUri(),
                        "--spring.cloud.config.server.git.default-label=main",
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka,
                        "--spring.kafka.bootstrap-servers=" + kafka,
                        "--spring.jmx.enabled=false");
        serverUrl = "http://127.0.0.1:" + server.getEnvironment().getRequiredProperty("local.server.port");

        client = new SpringApplicationBuilder(DemoClientApplication.class)
                .run(
                        // Not "application": the config server's own application.yml is on this classpath too.
                        "--spring.config.name=demo-client-local",
                        "--spring.application.name=demo-client",
                        "--spring.config.import=configserver:" + serverUrl,
                        // The config server jar (on this test classpath only) defaults spring.cloud.config.enabled to
                        // false.
                        "--spring.cloud.config.enabled=true",
                        "--spring.cloud.config.username=" + USER,
                        "--spring.cloud.config.password=" + PASSWORD,
                        "--spring.main.web-application-type=none",
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka,
                        "--spring.kafka.bootstrap-servers=" + kafka,
                        "--spring.jmx.enabled=false",
                        "--logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager=WARN");
    }

    @AfterAll
    void stopAll() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (git != null) {
            git.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    @Order(1)
    void metricsNeedAMetricsReadTokenNotTheConfigCredentials() throws Exception {
        assertThat(send(get("/actuator/prometheus", false)).statusCode()).isEqualTo(401);
        // The basic user may read every secret; it is no scrape identity.
        assertThat(send(get("/actuator/prometheus", true)).statusCode()).isEqualTo(401);
        assertThat(send(bearer("/actuator/prometheus", issuer.token("product-service", "catalog:events")))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> metrics = send(bearer("/actuator/prometheus", issuer.token("prometheus", "metrics:read")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        // A metrics token opens nothing else.
        assertThat(send(bearer("/demo-client/default", issuer.token("prometheus", "metrics:read")))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(1)
    void healthIsPublicAndConfigurationNeedsCredentials() throws Exception {
        assertThat(send(get("/actuator/health", false)).statusCode()).isEqualTo(200);
        assertThat(send(get("/actuator/info", false)).statusCode()).isEqualTo(200);
        assertThat(send(get("/demo-client/default", false)).statusCode()).isEqualTo(401);
        assertThat(send(post("/monitor", "application/x-www-form-urlencoded", "path=*", false))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(post("/encrypt", "text/plain", "x", false)).statusCode())
                .isEqualTo(401);

        HttpResponse<String> served = send(get("/demo-client/default", true));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).contains("hello v1").contains("config-repo/demo-client.yml");
    }

    @Test
    @Order(2)
    void clientStartsWithTheCommittedConfiguration() {
        assertThat(client.getBean(DemoProperties.class).getGreeting()).isEqualTo("hello v1");
        assertThat(client.getBean(DemoClientApplication.Greeter.class).greeting())
                .isEqualTo("hello v1");
        assertThat(client.getEnvironment().getProperty("shared.origin")).isEqualTo("config-repo");
    }

    @Test
    @Order(3)
    void uncommittedEditsAreNotServed() throws Exception {
        write("demo-client.yml", "demo:\n  greeting: hello uncommitted\n");
        try {
            HttpResponse<String> served = send(get("/demo-client/default", true));
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).contains("hello v1").doesNotContain("uncommitted");
        } finally {
            git.checkout().addPath("config-repo/demo-client.yml").call();
        }
        assertThat(git.status().call().isClean()).isTrue();
    }

    @Test
    @Order(4)
    void commitThenMonitorRefreshesTheRunningClientAndRevertRestoresIt() throws Exception {
        // Encrypted through the server's /encrypt, committed as {cipher}, served decrypted.
        HttpResponse<String> encrypted = send(post("/encrypt", "text/plain", "s3cr3t-v2", true));
        assertThat(encrypted.statusCode()).isEqualTo(200);
        String cipher = encrypted.body().trim();
        assertThat(cipher).isNotBlank().doesNotContain("s3cr3t");

        write("demo-client.yml", "demo:\n  greeting: hello v2\n  secret: '{cipher}" + cipher + "'\n");
        RevCommit v2 = commit("Greeting v2 with an encrypted secret");

        HttpResponse<String> served = send(get("/demo-client/default", true));
        assertThat(served.body()).contains("hello v2").contains("s3cr3t-v2").doesNotContain("{cipher}");
        assertThat(client.getBean(DemoProperties.class).getGreeting())
                .as("no refresh before /monitor")
                .isEqualTo("hello v1");

        BusSubscriptionProbe probe = client.getBean(BusSubscriptionProbe.class);
        await("the client's bus consumer has its partitions")
                .atMost(BUS_TIMEOUT)
                .until(probe::isSubscribed);

        // "Everything changed": a form post with path=* (application.yml would do the same) targets destination "*".
        HttpResponse<String> monitor = send(post("/monitor", "application/x-www-form-urlencoded", "path=*", true));
        assertThat(monitor.statusCode()).isEqualTo(200);
        assertThat(monitor.body()).contains("\"*\"");

        await("hello v2 in the running client").atMost(BUS_TIMEOUT).untilAsserted(() -> {
            assertThat(client.getBean(DemoProperties.class).getGreeting()).isEqualTo("hello v2");
            assertThat(client.getBean(DemoProperties.class).getSecret()).isEqualTo("s3cr3t-v2");
            assertThat(client.getBean(DemoClientApplication.Greeter.class).greeting())
                    .isEqualTo("hello v2");
        });

        RevertCommand revert = git.revert().include(v2);
        RevCommit reverted = revert.call();
        assertThat(revert.getFailingResult()).isNull();
        assertThat(reverted).isNotNull();

        // A GitHub-style push webhook naming the changed file targets that application only.
        HttpRequest github = authorized(HttpRequest.newBuilder(URI.create(serverUrl + "/monitor"))
                        .header("Content-Type", "application/json")
                        .header("X-Github-Event", "push")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"commits\":[{\"modified\":[\"config-repo/demo-client.yml\"]}]}")))
                .build();
        HttpResponse<String> webhook = send(github);
        assertThat(webhook.statusCode()).isEqualTo(200);
        assertThat(webhook.body()).contains("\"demo-client\"");

        await("hello v1 again in the running client").atMost(BUS_TIMEOUT).untilAsserted(() -> {
            assertThat(client.getBean(DemoProperties.class).getGreeting()).isEqualTo("hello v1");
            assertThat(client.getBean(DemoClientApplication.Greeter.class).greeting())
                    .isEqualTo("hello v1");
            assertThat(client.getEnvironment().getProperty("demo.secret")).isNull();
            assertThat(client.getBean(DemoProperties.class).getSecret())
                    .as("removed keys are reset on rebind")
                    .isNull();
        });
    }

    private void write(String file, String content) throws Exception {
        Path path = repository.resolve("config-repo").resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private RevCommit commit(String message) throws Exception {
        git.add().addFilepattern("config-repo").call();
        return git.commit()
                .setMessage(message)
                .setSign(false)
                .setAuthor("shopstack test", "test@shopstack.invalid")
                .setCommitter("shopstack test", "test@shopstack.invalid")
                .call();
    }

    private HttpRequest get(String path, boolean authenticated) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(serverUrl + path)).GET();
        return (authenticated ? authorized(builder) : builder).build();
    }

    private HttpRequest bearer(String path, String token) {
        return HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private HttpRequest post(String path, String contentType, String body, boolean authenticated) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return (authenticated ? authorized(builder) : builder).build();
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        String credentials =
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return builder.header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package io.shopstack.infrastructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The launcher as users run it: a separate JVM, killed and restarted, with ports that may be taken. */
class LauncherProcessTest {

    @TempDir
    Path dataDirectory;

    private final List<Process> launched = new ArrayList<>();
    private final int postgresPort = Ports.freePort();
    private final int kafkaPort = Ports.freePort();
    private final int controllerPort = Ports.freePort();
    private final int redisPort = Ports.freePort();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : launched) {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        // Whatever happened in the test, do not leave servers behind for the next one.
        new ProcessRegistry(dataDirectory.resolve("run/infrastructure.pids")).reapLeftovers(message -> {});
    }

    @Test
    void aTakenPortFailsWithOneLineNamingThePortAndHowToChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process launcher = launch("--postgres-port=" + taken.getLocalPort());
            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(launcher.exitValue()).isEqualTo(2);
            List<String> errors = Files.readAllLines(dataDirectory.resolve("launcher.err"));
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst())
                    .contains("Port " + taken.getLocalPort())
                    .contains("PostgreSQL")
                    .contains("--postgres-port=<port>")
                    .contains("SHOPSTACK_POSTGRES_PORT");
        }
    }

    @Test
    void aRestartAfterKillDashNineReapsTheLeftoversKeepsTheDataAndStopsCleanly() throws Exception {
        Process first = launch();
        awaitReady(first);
        try (Connection connection = connect("product")) {
            connection.createStatement().execute("CREATE TABLE survives_restart (id int)");
        }
        Map<String, Long> firstChildren = recordedChildren();
        assertThat(firstChildren).containsKeys("postgres", "redis");

        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook runs
        assertThat(firstChildren.values())
                .allSatisfy(pid -> assertThat(alive(pid))
                        .as("child %d outlives a killed launcher; the next start must deal with it", pid)
                        .isTrue());

        Process second = launch();
        awaitReady(second);
        assertThat(Files.readString(dataDirectory.resolve("launcher.out"))).contains("leftover");
        assertThat(firstChildren.values())
                .allSatisfy(
                        pid -> assertThat(alive(pid)).as("stale child %d", pid).isFalse());
        Map<String, Long> secondChildren = recordedChildren();
        assertThat(secondChildren.get("postgres")).isNotEqualTo(firstChildren.get("postgres"));
        try (Connection connection = connect("product");
                ResultSet tables = connection.getMetaData().getTables(null, "public", "survives_restart", null)) {
            assertThat(tables.next()).as("data survives a restart").isTrue();
        }

        second.destroy(); // SIGTERM, as Ctrl-C
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(secondChildren.values())
                .allSatisfy(pid ->
                        assertThat(alive(pid)).as("child %d after stop", pid).isFalse());
        assertThat(Ports.isFree(postgresPort) && Ports.isFree(kafkaPort) && Ports.isFree(redisPort))
                .isTrue();
        assertThat(Files.readString(dataDirectory.resolve("launcher.out"))).contains("Infrastructure stopped.");
    }

    @Test
    void aServerThatDiesIsReportedAndInfraStartBringsItBackOnItsPortAndData() throws Exception {
        Process launcher = launch();
        awaitReady(launcher);
        try (Connection connection = connect("product")) {
            connection.createStatement().execute("CREATE TABLE survives_a_crash (id int)");
        }
        Path socket = InfrastructureMain.controlSocket(dataDirectory);

        for (String server : List.of("redis", "postgres")) {
            long pid = recordedChildren().get(server);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9: it dies on its own, not by `infra stop`
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(Files.readString(dataDirectory.resolve("launcher.out")))
                            .as("the launcher reports that %s died", server)
                            .containsPattern("warning: \\S+ is no longer running; see .*" + server
                                    + "\\.log; ./platform infra start " + server + " brings it back"));

            String reply = ControlChannel.send(socket, "start " + server);

            assertThat(reply).as(server).matches("ok \\S+ started \\(.*\\)");
            assertThat(recordedChildren().get(server)).as(server).isNotEqualTo(pid);
            assertThat(alive(recordedChildren().get(server))).as(server).isTrue();
        }
        assertThat(Ports.answers(redisPort, Duration.ofSeconds(1))).isTrue();
        try (Connection connection = connect("product");
                ResultSet tables = connection.getMetaData().getTables(null, "public", "survives_a_crash", null)) {
            assertThat(tables.next()).as("PostgreSQL came back on its data").isTrue();
        }
        // Reported once per death: each server's warning appears exactly once.
        assertThat(Files.readString(dataDirectory.resolve("launcher.out"))
                        .lines()
                        .filter(line -> line.startsWith("warning: "))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aSecondLauncherOnTheSameDataIsRefusedWithoutTouchingTheFirst() throws Exception {
        Process first = launch();
        awaitReady(first);
        Map<String, Long> children = recordedChildren();

        Process second = launch("--postgres-port=" + Ports.freePort(), "--redis-port=" + Ports.freePort());
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(3);
        assertThat(children.values()).allSatisfy(pid -> assertThat(alive(pid)).isTrue());
    }

    private Process launch(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                InfrastructureMain.class.getName(),
                "--data-dir=" + dataDirectory,
                "--no-zipkin",
                "--postgres-port=" + postgresPort,
                "--kafka-port=" + kafkaPort,
                "--kafka-controller-port=" + controllerPort,
                "--redis-port=" + redisPort));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDirectory.resolve("launcher.out").toFile()))
                .redirectError(dataDirectory.resolve("launcher.err").toFile())
                .start();
        launched.add(process);
        return process;
    }

    private void awaitReady(Process launcher) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(launcher.isAlive())
                            .as("launcher exited: %s", Files.readString(dataDirectory.resolve("launcher.err")))
                            .isTrue();
                    return Files.readString(dataDirectory.resolve("launcher.out"))
                                    .lines()
                                    .filter(line -> line.contains("ready in"))
                                    .count()
                            >= readyLinesBefore(launcher);
                });
    }

    /** Each launch appends to launcher.out; the n-th launcher is ready when the n-th "ready in" line appears. */
    private long readyLinesBefore(Process launcher) {
        return launched.indexOf(launcher) + 1;
    }

    private Map<String, Long> recordedChildren() throws IOException {
        return Files.readAllLines(dataDirectory.resolve("run/infrastructure.pids")).stream()
                .map(ProcessRegistry.Entry::parse)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toMap(ProcessRegistry.Entry::name, ProcessRegistry.Entry::pid));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private Connection connect(String database) throws Exception {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database, "postgres", "");
    }
}

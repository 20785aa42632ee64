package io.shopstack.infrastructure;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker + controller, one node), running inside this JVM.
 * Single-node settings: every internal topic has replication factor 1.
 */
final class KafkaServer implements ManagedServer {

    private final InfrastructureSettings settings;
    private final Path logDirectory;
    private KafkaRaftServer server;

    KafkaServer(InfrastructureSettings settings) {
        this.settings = settings;
        this.logDirectory = settings.directory("kafka");
    }

    @Override
    public Server kind() {
        return Server.KAFKA;
    }

    @Override
    public void start() throws Exception {
        Ports.requireFree(settings.kafkaPort(), "Kafka", settings.portSetting("kafka"));
        Ports.requireFree(
                settings.kafkaControllerPort(), "the Kafka controller", settings.portSetting("kafka-controller"));
        Files.createDirectories(logDirectory);
        Properties properties = serverProperties();
        formatStorage(properties);
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        String advertised = settings.network().kafkaAdvertisedHost();
        if (!resolves(advertised)) {
            // Clients get the advertised name from the metadata; if this host cannot resolve it, only the port is
            // checked here (the other hosts resolve it, e.g. from their /etc/hosts).
            System.out.println("  (Kafka advertised as " + advertised + ", which this host does not resolve: "
                    + "checking only that " + bootstrapServers() + " answers)");
            Await.until(
                    "Kafka on " + bootstrapServers(),
                    Duration.ofSeconds(60),
                    () -> Ports.answers(
                            settings.network().localConnectHost(), settings.kafkaPort(), Duration.ofSeconds(1)));
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            Await.until(
                    "Kafka on " + bootstrapServers(),
                    Duration.ofSeconds(60),
                    () -> !admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty());
        }
    }

    private static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Properties serverProperties() {
        NetworkExposure network = settings.network();
        // One PLAINTEXT listener (Kafka allows one address per port), on the bind address; clients are told the
        // advertised name. The controller listener is this node's own business: loopback.
        String broker = NetworkExposure.hostForUrl(network.listenAddresses().getFirst()) + ":" + settings.kafkaPort();
        String advertised = NetworkExposure.hostForUrl(network.kafkaAdvertisedHost()) + ":" + settings.kafkaPort();
        String controller = "127.0.0.1:" + settings.kafkaControllerPort();
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + controller),
                Map.entry("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller),
                Map.entry("advertised.listeners", "PLAINTEXT://" + advertised),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDirectory.toString()),
                Map.entry("num.partitions", "3"),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Fast fencing/unfencing so that a restart after a crash is quick.
                Map.entry("broker.session.timeout.ms", "3000"),
                Map.entry("broker.heartbeat.interval.ms", "500"),
                Map.entry("controlled.shutdown.enable", "false")));
        return properties;
    }

    /** KRaft needs formatted storage; formatting an already formatted directory is skipped, keeping its data. */
    private void formatStorage(Properties properties) throws Exception {
        Path config = logDirectory.resolveSibling("kafka-server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            properties.store(out, "generated by shopstack infrastructure");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = StorageTool.execute(
                new String[] {"format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    /** Kafka checks the configured cluster id against the stored one, so a restart must reuse it. */
    private String clusterId() throws Exception {
        Path meta = logDirectory.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties stored = new Properties();
            try (var in = Files.newInputStream(meta)) {
                stored.load(in);
            }
            String id = stored.getProperty("cluster.id");
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        KafkaRaftServer stopping = server;
        server = null;
        try {
            CompletableFuture.runAsync(() -> {
                        stopping.shutdown();
                        stopping.awaitShutdown();
                    })
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("Kafka did not stop within 30 s: " + e);
        }
    }

    /** In this JVM: alive while its broker port answers (a broker that shut itself down closes it). */
    @Override
    public boolean isAlive() {
        return server != null
                && Ports.answers(settings.network().localConnectHost(), settings.kafkaPort(), Duration.ofSeconds(1));
    }

    @Override
    public String address() {
        return bootstrapServers();
    }

    /** Where clients on this host bootstrap from (the metadata then names the advertised host). */
    String bootstrapServers() {
        return NetworkExposure.hostForUrl(settings.network().localConnectHost()) + ":" + settings.kafkaPort();
    }
}

package io.shopstack.multihost;

import io.shopstack.cli.token.TokenClient;
import io.shopstack.multihost.MultiHostPlatform.Instance;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform across four test hosts under {@code prod} (see {@link MultiHostPlatform}), then the drills of issue 14:
 * the shopping journey through either gateway; an application host cut from the infrastructure host for 20 s; 200 ms
 * more round-trip time between hosts; PostgreSQL stopped; a whole application host gone. What each drill measured is
 * printed as {@code [multihost]} lines; docs/multi-host-drills.md explains the expectations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostDrillsTest {

    private static MultiHostPlatform platform;
    private static String admin;
    private static String alice;
    private static long categoryId;
    private static final List<Long> PRODUCTS = new ArrayList<>();
    private static final Map<Long, BigDecimal> PRICES = new ConcurrentHashMap<>();

    @BeforeAll
    static void startThePlatformOnFourHosts() {
        platform = MultiHostPlatform.start(projectRoot());
        // Every application instance registered and UP in Eureka: otherwise the drills would test one host.
        for (String workload : MultiHostPlatform.APPLICATIONS) {
            for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
                Instance instance = platform.instance(host, workload);
                String application = workload.toUpperCase(java.util.Locale.ROOT);
                await(instance.name() + " UP in Eureka")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> eurekaStatus(application, instance).equals("UP"));
            }
        }
        URI issuer = platform.instance("control", "auth-server").uri("");
        TokenClient tokens = new TokenClient(
                Duration.ofSeconds(20),
                platform.secrets().clientSecret("shopstack-web").toCharArray());
        admin = tokens.userToken(
                issuer, "admin", platform.secrets().adminPassword().toCharArray(), "openid catalog:write");
        alice = tokens.userToken(
                issuer, "alice", platform.secrets().customerPassword().toCharArray());
        var category = Http.call("POST", gateway("app1").resolve("/api/categories"), admin, "{\"name\":\"Drills\"}");
        assertThat(category.status()).as(category.toString()).isEqualTo(201);
        categoryId = ((Number) category.json("$.id")).longValue();
        for (int i = 0; i < 6; i++) {
            String price = new BigDecimal("10.00").add(BigDecimal.valueOf(i)).toPlainString();
            var product = Http.call(
                    "POST",
                    gateway(i % 2 == 0 ? "app1" : "app2").resolve("/api/products"),
                    admin,
                    "{\"name\":\"Drill item %d\",\"price\":\"%s\",\"currency\":\"EUR\",\"stockQuantity\":1000,\"categoryId\":%d}"
                            .formatted(i, price, categoryId));
            assertThat(product.status()).as(product.toString()).isEqualTo(201);
            long id = ((Number) product.json("$.id")).longValue();
            PRODUCTS.add(id);
            PRICES.put(id, new BigDecimal(price));
        }
    }

    @AfterAll
    static void stopEverything() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theShoppingJourneyPassesThroughEitherGateway() {
        for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
            long millis = journey(gateway(host));
            Report.line("journey through %s's gateway: %d ms".formatted(host, millis));
        }
    }

    @Test
    @Order(2)
    void anApplicationHostCutFromTheInfrastructureDropsOutAndCatchesUpAfterwards() throws Exception {
        settled();
        Instance product1 = platform.instance("app1", "product-service");
        Instance cart1 = platform.instance("app1", "cart-service");
        Traffic traffic = Traffic.start();
        long cutAt = System.nanoTime();
        traffic.mark(cutAt);
        List<Long> changed = PRODUCTS.subList(0, 3); // prices changed while app1 is cut off
        platform.network().cut("app1", "infra");
        Report.line("cut app1 <-> infra");
        try {

            // Not ready, and Eureka lists them DOWN: callers stop choosing them.
            await("app1's product- and cart-service not ready")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !platform.ready(product1) && !platform.ready(cart1));
            Report.timing("app1's product- and cart-service readiness DOWN after", cutAt);
            await("Eureka lists app1's product- and cart-service as not UP")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !eurekaStatus("PRODUCT-SERVICE", product1).equals("UP")
                            && !eurekaStatus("CART-SERVICE", cart1).equals("UP"));
            Report.timing("Eureka status of app1's product- and cart-service not UP after", cutAt);

            // Catalog changes while app1 is cut off: they must reach the carts afterwards, nothing lost.
            for (long id : changed) {
                changePrice(id, PRICES.get(id).add(new BigDecimal("0.50")));
            }
            long remaining = Duration.ofSeconds(20).toNanos() - (System.nanoTime() - cutAt);
            if (remaining > 0) {
                TimeUnit.NANOSECONDS.sleep(remaining); // the drill's length: the cut lasts 20 s, whatever we await
            }
        } finally {
            platform.network().heal();
        }
        long healedAt = System.nanoTime();
        Report.line("healed after %.1f s".formatted((healedAt - cutAt) / 1e9));
        await("app1's product- and cart-service ready again")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> platform.ready(product1) && platform.ready(cart1));
        Report.timing("app1 ready again after the heal", healedAt);
        await("Eureka lists app1's instances UP again")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> eurekaStatus("PRODUCT-SERVICE", product1).equals("UP")
                        && eurekaStatus("CART-SERVICE", cart1).equals("UP"));
        Report.timing("Eureka status UP again after the heal", healedAt);
        Traffic.Result result = traffic.stop();
        result.report("during the cut and the recovery");

        // Nothing lost: every catalog event is processed by cart-service; the carts show the new prices.
        awaitEveryCatalogEventProcessed();
        for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
            var cart = Http.get(gateway(host).resolve("/api/v1/cart"), alice);
            for (long id : changed) {
                List<Object> prices = cart.json("$.items[?(@.productId == " + id + ")].unitPrice");
                if (!prices.isEmpty()) {
                    assertThat(new BigDecimal(prices.getFirst().toString())).isEqualByComparingTo(PRICES.get(id));
                }
            }
        }
        // The cut host's consumer is back in the group and has partitions again.
        // Reported, not asserted: which hosts hold partitions of the catalog topic after the heal.
        Report.line("consumer group cart-service, hosts holding catalog partitions after the heal: " + consumerHosts());
        // Reads never failed: the gateway retries them on the other host's instance.
        assertThat(result.failedReads()).as("reads that failed during the cut").isEmpty();
        assertThat(result.reads()).isGreaterThan(20);
    }

    @Test
    @Order(3)
    void theJourneyPassesWith200MillisecondsMoreBetweenHosts() {
        settled();
        platform.network().addLatency(Duration.ofMillis(100), latencyScript());
        try {
            Report.line("added 100 ms each way between hosts (+200 ms round trip)");
            // Once to open connections under the new latency (a first call may meet a timeout: reported, not
            // asserted), then the asserted journey through each gateway.
            try {
                Report.line("first journey with +200 ms RTT: %d ms".formatted(journey(gateway("app1"))));
            } catch (AssertionError first) {
                Report.line("first journey with +200 ms RTT failed (new connections): " + first.getMessage());
            }
            for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
                long millis = journey(gateway(host));
                Report.line("journey with +200 ms RTT through %s's gateway: %d ms".formatted(host, millis));
            }
        } finally {
            platform.network().heal();
        }
    }

    @Test
    @Order(4)
    void aDatabaseOutageIsAnsweredWithinASecondAndRecoveredWithinFiveSeconds() {
        settled();
        URI product = gateway("app2").resolve("/api/products/" + PRODUCTS.get(3));
        assertThat(Http.get(product, null).status()).isEqualTo(200);
        platform.infrastructure("stop", "postgres");
        long stoppedAt = System.nanoTime();
        try {
            // Once each instance has seen the outage (its first requests wait for the pool's 250 ms), every answer:
            await("503 DATABASE_UNAVAILABLE through the gateway")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Http.get(product, null).status() == 503
                            && Http.get(gateway("app1").resolve("/api/v1/cart"), alice)
                                            .status()
                                    == 503);
            List<Http.Response> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(Http.get(product, null));
                answers.add(Http.get(gateway("app1").resolve("/api/v1/cart"), alice));
            }
            Report.line("during the outage: "
                    + answers.stream()
                            .map(response -> response.status() + "/" + response.millis() + "ms")
                            .collect(Collectors.joining(" ")));
            assertThat(answers).allSatisfy(response -> {
                assertThat(response.status()).as(response.toString()).isEqualTo(503);
                // The service's own problem: the gateway still calls instances that are not ready when no instance
                // is ready (they answer at once; platform-defaults' ChoosableInstancesSupplier).
                assertThat(response.body()).contains("DATABASE_UNAVAILABLE");
                assertThat(response.retryAfter()).isNotNull();
                // Through the gateway: one instance, then its retry on the other one (just as cut off): up to ~1 s
                // measured (16-978 ms); each instance itself answers within a second (below).
                assertThat(response.millis()).as(response.toString()).isLessThan(1500);
            });
            for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
                Http.Response direct = Http.get(
                        platform.instance(host, "product-service").uri("/api/products/" + PRODUCTS.get(3)), null);
                assertThat(direct.status()).as(direct.toString()).isEqualTo(503);
                assertThat(direct.body()).contains("DATABASE_UNAVAILABLE");
                assertThat(direct.millis()).as(direct.toString()).isLessThan(1000);
            }
            for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
                assertThat(platform.ready(platform.instance(host, "product-service")))
                        .isFalse();
                assertThat(platform.ready(platform.instance(host, "cart-service")))
                        .isFalse();
            }
            Report.timing("outage checked after", stoppedAt);
        } finally {
            platform.infrastructure("start", "postgres");
        }
        long startedAt = System.nanoTime();
        // As on one host (ChaosTest): the instances are called throughout (no circuit opened by "no instance"), so
        // they answer again as soon as their pools reconnect, before the registry says UP.
        await("product reads and cart reads through the gateways recover")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(product, null).status() == 200
                        && Http.get(gateway("app1").resolve("/api/v1/cart"), alice)
                                        .status()
                                == 200);
        Report.timing("recovered after PostgreSQL came back", startedAt);
    }

    @Test
    @Order(5)
    void aWholeApplicationHostStoppedAndTrafficContinuesOnTheOther() {
        settled();
        Traffic traffic = Traffic.startThrough(List.of("app2"));
        long stoppedAt = System.nanoTime();
        traffic.mark(stoppedAt);
        for (String workload : MultiHostPlatform.APPLICATIONS) {
            platform.kill(platform.instance("app1", workload));
        }
        platform.network().unplug("app1");
        Report.line("app1 stopped (every process killed, its cable unplugged)");
        Instance cart1 = platform.instance("app1", "cart-service");
        await("Eureka drops or marks down app1's instances")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !eurekaStatus("CART-SERVICE", cart1).equals("UP"));
        Report.timing("Eureka no longer lists app1's cart-service as UP after", stoppedAt);
        Traffic.Result result = traffic.stop();
        result.report("with app1 stopped");
        assertThat(result.failedReads()).as("reads that failed with app1 gone").isEmpty();
        // Writes too: one that could not connect to app1 (nothing was sent) is retried on app2 by the gateway, and
        // cart-service's calls to product-service are (NextInstanceRetryer); an instance that failed is left out
        // of load balancing for a while, longer each time it fails again while the registry still lists it.
        assertThat(result.failedWrites())
                .as("writes that failed with app1 gone")
                .isEmpty();
        journey(gateway("app2"));
    }

    /**
     * Before a drill: the platform has recovered from the previous one. Reads and a cart read succeed through both
     * gateways ten times in a row (so no circuit breaker is still open from the last fault).
     */
    private static void settled() {
        long begin = System.nanoTime();
        int[] inARow = {0};
        await("the platform recovered from the previous drill")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    boolean ok = true;
                    for (String host : MultiHostPlatform.APPLICATION_HOSTS) {
                        ok &= Http.get(gateway(host).resolve("/api/products/" + PRODUCTS.getFirst()), null)
                                .ok();
                        ok &= Http.get(gateway(host).resolve("/api/v1/cart"), alice)
                                .ok();
                    }
                    inARow[0] = ok ? inARow[0] + 1 : 0;
                    return inARow[0] >= 10;
                });
        Report.timing("settled before the drill in", begin);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Background shoppers through both gateways (or the given hosts'): catalog reads, cart reads, cart writes. */
    static final class Traffic {
        record Call(long at, String kind, String gatewayHost, Http.Response response) {}

        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile long mark = System.nanoTime();
        private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        private final Thread thread;

        private Traffic(List<String> hosts) {
            thread = Thread.ofVirtual().start(() -> {
                int i = 0;
                while (running.get()) {
                    String host = hosts.get(i % hosts.size());
                    long id = PRODUCTS.get(i % PRODUCTS.size());
                    URI base = gateway(host);
                    record(host, "read", Http.get(base.resolve("/api/products/" + id), null));
                    record(host, "read", Http.get(base.resolve("/api/v1/cart"), alice));
                    if (i % 3 == 0) {
                        record(
                                host,
                                "write",
                                Http.call(
                                        "PATCH",
                                        base.resolve("/api/v1/cart/items/" + anyLine(base)),
                                        alice,
                                        "{\"quantity\":" + (1 + i % 4) + "}"));
                    }
                    i++;
                    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                }
            });
        }

        /** Failures are reported in seconds since this moment (the fault). */
        void mark(long nanos) {
            mark = nanos;
        }

        static Traffic start() {
            return new Traffic(MultiHostPlatform.APPLICATION_HOSTS);
        }

        static Traffic startThrough(List<String> hosts) {
            return new Traffic(hosts);
        }

        private void record(String host, String kind, Http.Response response) {
            calls.add(new Call(System.nanoTime(), kind, host, response));
        }

        Result stop() {
            running.set(false);
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Result(List.copyOf(calls), mark);
        }

        record Result(List<Call> calls, long mark) {
            List<Call> failedReads() {
                return calls.stream()
                        .filter(c -> c.kind().equals("read") && !c.response().ok())
                        .toList();
            }

            long reads() {
                return calls.stream().filter(c -> c.kind().equals("read")).count();
            }

            List<Call> failedWrites() {
                return calls.stream()
                        .filter(c -> c.kind().equals("write") && !c.response().ok())
                        .toList();
            }

            void report(String when) {
                Map<String, Map<Integer, Long>> byKind = calls.stream()
                        .collect(Collectors.groupingBy(
                                Call::kind,
                                Collectors.groupingBy(c -> c.response().status(), Collectors.counting())));
                long slowest = calls.stream()
                        .mapToLong(c -> c.response().millis())
                        .max()
                        .orElse(0);
                Report.line("traffic %s: %s, slowest %d ms".formatted(when, byKind, slowest));
                calls.stream()
                        .filter(c -> !c.response().ok())
                        .limit(12)
                        .forEach(c -> Report.line("  at %+.1f s failed %s via %s: %s"
                                .formatted((c.at() - mark) / 1e9, c.kind(), c.gatewayHost(), c.response())));
            }
        }
    }

    /** The shopping journey: browse, product, cart (add, change), wishlist → cart, totals to the cent. */
    private static long journey(URI gateway) {
        long begin = System.nanoTime();
        var list = Http.get(gateway.resolve("/api/products?categoryId=" + categoryId + "&size=20"), null);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat((Integer) list.json("$.content.length()")).isEqualTo(PRODUCTS.size());
        long first = PRODUCTS.get(0);
        long second = PRODUCTS.get(1);
        long wished = PRODUCTS.get(2);
        assertThat(Http.get(gateway.resolve("/api/products/" + first), null).status())
                .isEqualTo(200);
        var cleared = Http.call("DELETE", gateway.resolve("/api/v1/cart"), alice, null);
        assertThat(cleared.status()).as(cleared.toString()).isIn(200, 204);
        expectOk(Http.call("POST", gateway.resolve("/api/v1/cart/items"), alice, item(first, 2)));
        var cart = expectOk(Http.call("POST", gateway.resolve("/api/v1/cart/items"), alice, item(second, 1)));
        cart = expectOk(Http.get(gateway.resolve("/api/v1/cart"), alice));
        List<Object> lines = cart.json("$.items[?(@.productId == " + second + ")].id");
        expectOk(Http.call(
                "PATCH", gateway.resolve("/api/v1/cart/items/" + lines.getFirst()), alice, "{\"quantity\":3}"));
        expectOk(Http.call("POST", gateway.resolve("/api/v1/wishlist/items"), alice, "{\"productId\":" + wished + "}"));
        var wishlist = expectOk(Http.get(gateway.resolve("/api/v1/wishlist"), alice));
        List<Object> wishes = wishlist.json("$.items[?(@.productId == " + wished + ")].id");
        expectOk(Http.call(
                "POST",
                gateway.resolve("/api/v1/wishlist/items/" + wishes.getFirst() + "/move-to-cart"),
                alice,
                "{\"quantity\":1}"));
        cart = expectOk(Http.get(gateway.resolve("/api/v1/cart"), alice));
        assertThat(cart.<Integer>json("$.totalQuantity")).isEqualTo(6);
        BigDecimal expected = PRICES.get(first)
                .multiply(BigDecimal.TWO)
                .add(PRICES.get(second).multiply(BigDecimal.valueOf(3)))
                .add(PRICES.get(wished));
        assertThat(new BigDecimal(cart.json("$.subtotal").toString())).isEqualByComparingTo(expected);
        return (System.nanoTime() - begin) / 1_000_000;
    }

    private static Http.Response expectOk(Http.Response response) {
        assertThat(response.ok()).as(response.toString()).isTrue();
        return response;
    }

    private static String item(long productId, int quantity) {
        return "{\"productId\":%d,\"quantity\":%d}".formatted(productId, quantity);
    }

    private static Object anyLine(URI gateway) {
        var cart = Http.get(gateway.resolve("/api/v1/cart"), alice);
        if (!cart.ok()) {
            return 0;
        }
        List<Object> ids = cart.json("$.items[*].id");
        return ids.isEmpty() ? 0 : ids.getFirst();
    }

    /** A price change as an admin client does it: read the version, PUT, and retry on 503 as Retry-After says. */
    private static void changePrice(long id, BigDecimal price) {
        await("price of product " + id + " changed")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var current = Http.get(gateway("app2").resolve("/api/products/" + id), null);
                    if (!current.ok()) {
                        Report.line("reading product %d before its price change answered %s".formatted(id, current));
                        return false;
                    }
                    var changed = Http.call(
                            "PUT",
                            gateway("app2").resolve("/api/products/" + id + "/price"),
                            admin,
                            "{\"price\":\"%s\",\"version\":%s}"
                                    .formatted(price.toPlainString(), current.json("$.version")));
                    if (!changed.ok()) {
                        Report.line("price change of %d answered %s".formatted(id, changed));
                    }
                    return changed.ok();
                });
        PRICES.put(id, price);
    }

    /** Every event product-service's outbox holds has been processed by cart-service (by event id). */
    private static void awaitEveryCatalogEventProcessed() {
        await("every catalog event processed by cart-service")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Set<String> published = eventIds("product", "SELECT event_id FROM outbox_events");
                    Set<String> processed = eventIds("cart", "SELECT event_id FROM processed_events");
                    Set<String> missing = new HashSet<>(published);
                    missing.removeAll(processed);
                    if (missing.isEmpty()) {
                        Report.line("all %d catalog events processed by cart-service".formatted(published.size()));
                    }
                    return missing.isEmpty();
                });
    }

    private static Set<String> eventIds(String database, String query) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = platform.database(database);
                ResultSet rows = connection.createStatement().executeQuery(query)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** The hosts of the cart-service consumer group's members that hold partitions of the catalog topic. */
    private static Set<String> consumerHosts() throws Exception {
        try (Admin kafka = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka.shopstack-infra.svc:9092",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            ConsumerGroupDescription group = kafka.describeConsumerGroups(List.of("cart-service"))
                    .describedGroups()
                    .get("cart-service")
                    .get(10, TimeUnit.SECONDS);
            return group.members().stream()
                    .filter(member -> member.assignment().topicPartitions().stream()
                            .anyMatch(partition -> partition.topic().equals("catalog.events.v1")))
                    .map(MemberDescription::host)
                    .map(host -> host.replace("/", ""))
                    .collect(Collectors.toSet());
        }
    }

    /** An instance's status in Eureka's registry ("ABSENT" when not listed), read as the read-only operator. */
    private static String eurekaStatus(String application, Instance instance) {
        var response = Http.get(
                platform.instance("control", "discovery").uri("/eureka/apps/" + application),
                Http.basic("operator", platform.secrets().eurekaPassword("operator")));
        if (response.status() == 404) {
            return "ABSENT";
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<Object> statuses =
                response.json("$.application.instance[?(@.ipAddr == '" + instance.address() + "')].status");
        return statuses.isEmpty() ? "ABSENT" : statuses.getFirst().toString();
    }

    static URI gateway(String host) {
        return platform.instance(host, "gateway").uri("");
    }

    private static Path latencyScript() {
        return projectRoot().resolve("multihost-tests/src/test/python/link_delay.py");
    }

    private static Path projectRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("platform"))
                    && Files.isDirectory(directory.resolve("config-repo"))) {
                return directory;
            }
        }
        throw new IllegalStateException(
                "cannot find the project root from " + Path.of("").toAbsolutePath());
    }
}

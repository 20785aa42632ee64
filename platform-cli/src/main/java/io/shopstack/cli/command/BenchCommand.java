package io.shopstack.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.token.TokenClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code bench}: the load-tests module's Gatling simulation (the shopper journey through the gateway, open model)
 * against the running platform, then, when Debian's {@code wrk} is installed, {@code GET /api/products/{id}} directly
 * and through the gateway one right after the other, so that their ratio is meaningful (docs/performance.md,
 * "Load tool").
 */
@Command(
        name = "bench",
        header = "Load the running platform: the shopper journey (Gatling), then direct vs gateway (wrk).",
        description = {
            "1. The shopper journey through the gateway (load-tests, a Gatling simulation): catalog list, search, "
                    + "category, product page, add to cart, promo code, wishlist; visits arrive at a fixed rate (open "
                    + "model), as the three demo shoppers (alice, bob, admin) with a promo code made for the run. Exits "
                    + "1 when a request failed or, without --smoke, a goal of issue 16 was missed (add to cart: p50 "
                    + "<= 10 ms, p99 <= 40 ms). HTML report: load-tests/target/gatling/<run>/index.html.",
            "2. When wrk is installed: GET /api/products/{id} on product-service directly (anonymous) and through the "
                    + "gateway (alice's token), wrk -t2 -c16, one after the other; both rows and their ratio."
        },
        footerHeading = "%nLimits:%n",
        footer = {
            "  The gateway limits carts to 10 requests/s per shopper (a visit makes about three) and the catalog to",
            "  50/s: with the three shoppers, keep --rate <= 8 on a default platform. For the cart goal's 20 visits/s",
            "  and for the gateway's overhead rather than its limiter, start the platform with the limiter on but not",
            "  limiting:",
            "    SHOPSTACK_CATALOG_RATE=100000 SHOPSTACK_CATALOG_BURST=200000 \\",
            "    SHOPSTACK_CART_RATE=100000 SHOPSTACK_CART_BURST=200000 ./platform up",
            "  Otherwise wrk's gateway row counts 429s (its non-2xx column).",
            "",
            "Needs the build (./platform up or ./platform build makes load-tests/target/lib); downloads nothing.",
            "Tokens live 15 minutes: keep --ramp + --duration below that."
        })
public final class BenchCommand implements Callable<Integer> {

    static final String SIMULATION = "io.shopstack.load.ShopperJourneySimulation";
    static final List<String> SHOPPERS = List.of("alice", "bob", "admin");

    @Option(
            names = "--rate",
            paramLabel = "<visits/s>",
            defaultValue = "5",
            description = "Shopper visits arriving per second after the ramp (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--duration",
            paramLabel = "<seconds>",
            defaultValue = "60",
            description = "Seconds at that rate (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(
            names = "--ramp",
            paramLabel = "<seconds>",
            defaultValue = "10",
            description = "Seconds from 1 visit/s up to the rate, before (default ${DEFAULT-VALUE}).")
    int ramp;

    @Option(names = "--smoke", description = "Assert only that no request failed (no latency goals), as CI does.")
    boolean smoke;

    @Option(
            names = "--wrk-seconds",
            paramLabel = "<seconds>",
            defaultValue = "15",
            description = "Seconds per wrk target, after 5 s of warm-up each; 0 skips wrk (default ${DEFAULT-VALUE}).")
    int wrkSeconds;

    private final LocalPlatform platform;

    BenchCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || duration < 1 || ramp < 0 || wrkSeconds < 0) {
            throw new IllegalArgumentException("--rate and --duration must be positive, --ramp and --wrk-seconds >= 0");
        }
        Path lib = root().resolve("load-tests/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build first (./platform build)");
        }
        List<String> tokens = SHOPPERS.stream().map(this::userToken).toList();
        String promoCode = createPromoCode();
        ProcessBuilder gatling = new ProcessBuilder(command()).directory(root().toFile());
        gatling.environment().putAll(gatlingEnvironment(tokens, promoCode));
        System.out.printf(
                Locale.ROOT,
                "Shopper journey: %s visits/s for %d s after a %d s ramp, through %s (load average %s)%n",
                rate,
                duration,
                ramp,
                gatewayUrl(),
                CpuCommand.loadAverage());
        int exit = ForegroundProcess.run(gatling);
        if (wrkSeconds > 0) {
            directVersusGateway(tokens.getFirst());
        }
        System.out.println("Load average at the end: " + CpuCommand.loadAverage());
        return exit == 0 ? 0 : PlatformCommand.FAILURE;
    }

    /** Gatling in a JVM of its own, on the module's classes and jars as the build left them. */
    List<String> command() {
        return List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xms256m",
                "-Xmx512m",
                // What gatling-maven-plugin gives Gatling's JVM: its log writer reads String internals, Netty loads
                // its native transport (Java 24+ warns otherwise).
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-XX:MaxInlineLevel=20",
                "-cp",
                "load-tests/target/classes:load-tests/target/lib/*",
                "io.gatling.app.Gatling",
                "--simulation",
                SIMULATION,
                "--results-folder",
                "load-tests/target/gatling",
                "--run-description",
                String.format(Locale.ROOT, "%s visits/s, %d s (+%d s ramp)", rate, duration, ramp));
    }

    /** The simulation's settings (io.shopstack.load.LoadSettings); tokens in the environment, never on a command line. */
    Map<String, String> gatlingEnvironment(List<String> tokens, String promoCode) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SHOPSTACK_BASE_URL", gatewayUrl());
        environment.put("SHOPSTACK_TOKENS", String.join(",", tokens));
        environment.put("SHOPSTACK_PROMO_CODE", promoCode);
        environment.put("SHOPSTACK_RATE", String.valueOf(rate));
        environment.put("SHOPSTACK_DURATION", String.valueOf(duration));
        environment.put("SHOPSTACK_RAMP", String.valueOf(ramp));
        environment.put("SHOPSTACK_ASSERTIONS", smoke ? "errors" : "goals");
        return environment;
    }

    private Path root() {
        return platform.paths().root();
    }

    private String gatewayUrl() {
        return "http://localhost:" + platform.port("gateway");
    }

    private String productServiceUrl() {
        return "http://localhost:" + platform.port("product-service");
    }

    private String userToken(String user) {
        return new TokenClient()
                .userToken(platform.issuer(), user, (user + "-password").toCharArray(), TokenClient.DEFAULT_USER_SCOPE);
    }

    /** A 10 % code for this run, made by the operator at cart-service's internal API (not routed by the gateway). */
    private String createPromoCode() throws IOException, InterruptedException {
        String operator = new TokenClient()
                .serviceToken(
                        platform.issuer(),
                        "operator",
                        platform.variable("SHOPSTACK_CLIENT_SECRET", "operator-dev-secret")
                                .toCharArray(),
                        "promo:admin");
        String code = "BENCH" + System.currentTimeMillis() % 1_000_000_000L;
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + platform.port("cart-service") + "/internal/promo-codes"))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code
                        + "\",\"discountType\":\"PERCENT\",\"discountValue\":10,"
                        + "\"description\":\"./platform bench\"}")));
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "cannot create a promo code (" + created.statusCode() + "): " + created.body());
        }
        return code;
    }

    private void directVersusGateway(String token) throws IOException, InterruptedException {
        Optional<Path> wrk = Wrk.find(platform.environment());
        if (wrk.isEmpty()) {
            System.out.println("wrk is not installed (apt-get install wrk): no direct-vs-gateway ratio.");
            return;
        }
        HttpResponse<String> page =
                send(HttpRequest.newBuilder(URI.create(productServiceUrl() + "/api/products?size=1")));
        long id = new ObjectMapper()
                .readTree(page.body())
                .path("content")
                .path(0)
                .path("id")
                .asLong();
        String path = "/api/products/" + id;
        Wrk tool = new Wrk(wrk.get(), wrkSeconds);
        List<Wrk.Result> rows = new ArrayList<>();
        rows.add(tool.run("product-service direct, anonymous", productServiceUrl() + path, null));
        rows.add(tool.run("gateway, with a JWT", gatewayUrl() + path, token));
        System.out.printf(Locale.ROOT, "%nGET /api/products/{id} (%s), wrk -t2 -c16, %d s each:%n", path, wrkSeconds);
        System.out.print(Wrk.table(rows));
        if (rows.getFirst().requestsPerSecond() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "gateway / direct: %.1f %% of the direct throughput%n",
                    100 * rows.getLast().requestsPerSecond() / rows.getFirst().requestsPerSecond());
        }
        if (rows.stream().anyMatch(row -> row.non2xx() > 0)) {
            System.out.println("Non-2xx responses were counted: on the gateway, 429s of its limiter (see --help).");
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}

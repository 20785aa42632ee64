package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench [seconds] [clients]}: runs benchmarks/HttpBench.java against the running platform, both targets in one
 * run so that their ratio is meaningful.
 */
@Command(
        name = "bench",
        header = "Load the catalog list endpoint directly and through the gateway; prints ratios.",
        description = "Load the catalog list endpoint directly (product-service) and through the gateway, one after "
                + "the other in one run, and print requests per second, latency percentiles, errors and the ratio of "
                + "the two (benchmarks/HttpBench.java, against the running platform).",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  BENCH_TOKEN  a bearer token for every request, validated by the gateway and the service:",
            "               BENCH_TOKEN=$(./platform token alice) ./platform bench 20 8",
            "  PRODUCT_SERVICE_PORT, GATEWAY_PORT  the two targets' ports (8002, 8080)",
            "",
            "For the gateway's overhead rather than its rate limit, start the platform with",
            "SHOPSTACK_CATALOG_RATE=100000 SHOPSTACK_CATALOG_BURST=200000 (the limiter stays on, but does not",
            "limit); otherwise the errors column shows the 429s."
        })
public final class BenchCommand implements Callable<Integer> {

    private static final String CATALOG_LIST = "/api/products?size=20";

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<seconds>",
            defaultValue = "20",
            description = "How long each target is measured, after a warm-up (default ${DEFAULT-VALUE}).")
    int seconds;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "<clients>",
            defaultValue = "8",
            description = "Concurrent clients, each sending requests back to back (default ${DEFAULT-VALUE}).")
    int clients;

    private final LocalPlatform platform;

    BenchCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        return ForegroundProcess.run(
                new ProcessBuilder(command()).directory(platform.paths().root().toFile()));
    }

    /** HttpBench is a single-file source program (benchmarks/ is no module): it runs in a JVM of its own. */
    List<String> command() {
        return List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "benchmarks/HttpBench.java",
                String.valueOf(seconds),
                String.valueOf(clients),
                "catalog-direct=http://localhost:" + platform.port("product-service") + CATALOG_LIST,
                "catalog-via-gateway=http://localhost:" + platform.port("gateway") + CATALOG_LIST);
    }
}

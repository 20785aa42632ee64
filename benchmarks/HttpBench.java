import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP load generator (JDK only): for each target, `concurrency` clients send GETs back to back
 * for `seconds` after a warm-up, then report throughput and latency percentiles, and the ratio of every target's
 * throughput to the first one's (e.g. through-gateway vs direct) from the same run.
 *
 * usage: java benchmarks/HttpBench.java <seconds> <concurrency> <name>=<url> [<name>=<url> ...]
 * With BENCH_TOKEN set, every request carries it as a bearer token (so the gateway validates a JWT per request and
 * keys its rate limiter by the token's subject).
 */
public class HttpBench {

    record Result(String name, double requestsPerSecond, double p50, double p99, long errors) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java benchmarks/HttpBench.java <seconds> <concurrency> <name>=<url> ...");
            System.exit(2);
        }
        int seconds = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        List<Result> results = new ArrayList<>();
        for (String target : Arrays.copyOfRange(args, 2, args.length)) {
            String[] parts = target.split("=", 2);
            run(parts[1], concurrency, Duration.ofSeconds(Math.max(2, seconds / 3))); // warm-up
            results.add(measure(parts[0], parts[1], concurrency, Duration.ofSeconds(seconds)));
        }
        System.out.printf(Locale.ROOT, "%-24s %10s %9s %9s %8s %8s%n", "target", "req/s", "p50 ms", "p99 ms", "errors", "ratio");
        for (Result result : results) {
            System.out.printf(Locale.ROOT, "%-24s %10.0f %9.2f %9.2f %8d %8.2f%n", result.name(), result.requestsPerSecond(),
                    result.p50(), result.p99(), result.errors(), result.requestsPerSecond() / results.getFirst().requestsPerSecond());
        }
    }

    private static Result measure(String name, String url, int concurrency, Duration duration) throws Exception {
        long begin = System.nanoTime();
        Run run = run(url, concurrency, duration);
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long[] latencies = run.latencies().stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(name, latencies.length / elapsed, percentile(latencies, 0.50), percentile(latencies, 0.99), run.errors().get());
    }

    record Run(ConcurrentLinkedQueue<Long> latencies, AtomicLong errors) {
    }

    private static Run run(String url, int concurrency, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        String token = System.getenv("BENCH_TOKEN");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.trim());
        }
        HttpRequest request = builder.build();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        try (var clients = Executors.newFixedThreadPool(concurrency)) {
            for (int i = 0; i < concurrency; i++) {
                clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status / 100 == 2) {
                                latencies.add(System.nanoTime() - start);
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return new Run(latencies, errors);
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}

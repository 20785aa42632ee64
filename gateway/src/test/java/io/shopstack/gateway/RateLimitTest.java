package io.shopstack.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.refresh.ContextRefresher;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-user rate limiting in Redis, with the limits of config-repo/gateway.yml, changed live by a config refresh. */
class RateLimitTest extends GatewayTestSupport {

    @Autowired
    ContextRefresher refresher;

    @Test
    void aBurstAboveTheLimitGets429WithRetryAfterWhileAnotherUserIsUnaffected() throws Exception {
        String greedy = tokens.valid("greedy-" + System.nanoTime(), "openid cart");
        String other = tokens.valid("other-" + System.nanoTime(), "openid cart");

        long start = System.nanoTime();
        List<HttpResponse<String>> burst = burst("/api/v1/cart", greedy, 60);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<HttpResponse<String>> limited =
                burst.stream().filter(response -> response.statusCode() == 429).toList();
        long passed =
                burst.stream().filter(response -> response.statusCode() == 200).count();

        // carts: burst-capacity 20, replenish-rate 10/s in config-repo/gateway.yml. The token bucket refills in whole
        // seconds (the Lua script reads Redis TIME in seconds): +10 tokens at each second boundary crossed.
        assertThat(passed).isBetween(20L, 20L + 10 * ((long) Math.ceil(seconds) + 1));
        assertThat(limited).isNotEmpty().hasSize(60 - (int) passed);
        HttpResponse<String> denied = limited.getFirst();
        assertThat(Long.parseLong(header(denied, "Retry-After"))).isBetween(1L, 2L);
        assertThat(header(denied, "X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(header(denied, "X-RateLimit-Burst-Capacity")).isEqualTo("20");
        assertThat(header(denied, "X-RateLimit-Replenish-Rate")).isEqualTo("10");
        GatewaySecurityTest.assertProblem(denied, 429);
        assertThat(cartService.received()).hasSize((int) passed);

        var unaffected = get("/api/v1/cart", other);
        assertThat(unaffected.statusCode()).isEqualTo(200);
        assertThat(header(unaffected, "X-RateLimit-Remaining")).isEqualTo("19");

        Thread.sleep(1100); // Retry-After honoured: tokens are back
        assertThat(get("/api/v1/cart", greedy).statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousRequestsAreLimitedPerClientIp() {
        var response = get("/api/products/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "X-RateLimit-Burst-Capacity")).isEqualTo("100");
        assertThat(Long.parseLong(header(response, "X-RateLimit-Remaining"))).isBetween(0L, 99L);
        // that X-Forwarded-For cannot choose the bucket: ClientIdentityTest, TrustedProxiesTest
    }

    @Test
    void aConfigRefreshChangesTheLimitWithoutRestart() throws Exception {
        Path gatewayYml = configFolder.resolve("gateway.yml");
        String original = Files.readString(gatewayYml);
        String carts = "rate-limit.replenish-rate: ${SHOPSTACK_CART_RATE:10}\n"
                + "                    rate-limit.burst-capacity: ${SHOPSTACK_CART_BURST:20}";
        assertThat(original).contains(carts);
        String user = "refresh-" + System.nanoTime();
        try {
            Files.writeString(
                    gatewayYml,
                    original.replace(
                            carts, "rate-limit.replenish-rate: 0.1\n                    rate-limit.burst-capacity: 3"));
            refresher.refresh(); // what /actuator/refresh and a bus refresh (./platform config push) do
            awaitBurstCapacity("3");

            String token = tokens.valid(user, "openid cart");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(get("/api/v1/cart", token).statusCode());
            }
            var last = get("/api/v1/cart", token);
            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(header(last, "X-RateLimit-Burst-Capacity")).isEqualTo("3");
            assertThat(header(last, "X-RateLimit-Replenish-Rate")).isEqualTo("0.1");
            assertThat(header(last, "Retry-After")).isEqualTo("10");
        } finally {
            Files.writeString(gatewayYml, original);
            refresher.refresh();
        }
        awaitBurstCapacity("20");
    }

    /** Route refreshes complete asynchronously (within milliseconds): wait until the carts route shows the limit. */
    private void awaitBurstCapacity(String expected) throws InterruptedException {
        String seen = null;
        for (int attempt = 0; attempt < 50 && !expected.equals(seen); attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            seen = header(
                    get("/api/v1/cart", tokens.valid("probe-" + System.nanoTime(), "openid cart")),
                    "X-RateLimit-Burst-Capacity");
        }
        assertThat(seen).isEqualTo(expected);
    }

    private List<HttpResponse<String>> burst(String path, String token, int count) throws Exception {
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> get(path, token), executor));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}

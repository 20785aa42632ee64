package io.shopstack.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load tool in CI: 30 s of the shopper journey (load-tests' Gatling simulation, run by {@code ./platform bench
 * --smoke} in a JVM of its own) through the gateway at a modest rate. It fails when any request fails (status, or a
 * cart response without the added line), never on latency: CI machines are too noisy for latency goals.
 */
@Order(4)
class LoadSmokeTest extends PlatformTest {

    /**
     * Two visits a second (about 14 requests/s, a third of them on carts), well under the gateway's per-user limits
     * and modest enough for a two-core CI machine that also runs the whole platform and Gatling's JVM.
     */
    @Test
    void thirtySecondsOfTheShopperJourneyWithoutAFailedRequest() throws Exception {
        awaitEachShopperCanAddToTheCartThroughTheGateway();
        int exit = platform.run("bench", "--smoke", "--rate=2", "--ramp=5", "--duration=25", "--wrk-seconds=0");
        String output = Files.readString(platform.home.resolve("command.out"));
        assertThat(exit).as(output).isZero();
        assertThat(output).as(output).contains("shopper journey");
        output.lines()
                .filter(line -> line.contains("Please open the following file"))
                .findFirst()
                .ifPresent(Scenarios::note);
    }

    /**
     * Run alone, the smoke would meet a platform that has served nothing yet: the first cart add through the gateway
     * sets up clients, pools and caches on the way (seconds on a busy two-core machine). The suite's earlier classes
     * do that in a full run; here it is awaited once per shopper, so the smoke measures a platform that is up.
     */
    private static void awaitEachShopperCanAddToTheCartThroughTheGateway() throws Exception {
        long product = products().stream()
                .filter(candidate -> candidate.stock() >= 30)
                .findFirst()
                .orElseThrow()
                .id();
        for (String shopper : List.of("alice", "bob", "admin")) {
            String token = userToken(shopper);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> call(
                                            "POST",
                                            GATEWAY,
                                            "/api/v1/cart/items",
                                            token,
                                            "{\"productId\":" + product + ",\"quantity\":1}")
                                    .statusCode()
                            == 200);
        }
    }

    /** Later classes start from empty carts and wishlists of their own making: leave the shoppers' as they were. */
    @AfterAll
    static void emptyTheShoppersCartsAndWishlists() throws Exception {
        for (String shopper : List.of("alice", "bob", "admin")) {
            String token = userToken(shopper);
            // A failed smoke may have left the gateway's circuit to cart-service open for a while (10 s).
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() ->
                            call("DELETE", GATEWAY, "/api/v1/cart", token, null).statusCode() == 204);
            List<Number> wished = json(get(GATEWAY, "/api/v1/wishlist", token), "$.items[*].id");
            for (Number id : wished) {
                call("DELETE", GATEWAY, "/api/v1/wishlist/items/" + id, token, null);
            }
        }
    }
}

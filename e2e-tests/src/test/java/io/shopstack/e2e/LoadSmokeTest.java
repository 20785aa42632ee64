package io.shopstack.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool in CI: 30 s of the shopper journey (load-tests' Gatling simulation, run by {@code ./platform bench
 * --smoke} in a JVM of its own) through the gateway at a modest rate. It fails when any request fails (status, or a
 * cart response without the added line), never on latency: CI machines are too noisy for latency goals.
 */
@Order(4)
class LoadSmokeTest extends PlatformTest {

    /** Three visits a second: one per demo shopper, well under the gateway's per-user limits. */
    @Test
    void thirtySecondsOfTheShopperJourneyWithoutAFailedRequest() throws Exception {
        int exit = platform.run("bench", "--smoke", "--rate=3", "--ramp=5", "--duration=25", "--wrk-seconds=0");
        String output = Files.readString(platform.home.resolve("command.out"));
        assertThat(exit).as(output).isZero();
        assertThat(output).as(output).contains("shopper journey");
        output.lines()
                .filter(line -> line.contains("Please open the following file"))
                .findFirst()
                .ifPresent(Scenarios::note);
    }

    /** Later classes start from empty carts and wishlists of their own making: leave the shoppers' as they were. */
    @AfterAll
    static void emptyTheShoppersCartsAndWishlists() throws Exception {
        for (String shopper : List.of("alice", "bob", "admin")) {
            String token = userToken(shopper);
            call("DELETE", GATEWAY, "/api/v1/cart", token, null);
            List<Number> wished = json(get(GATEWAY, "/api/v1/wishlist", token), "$.items[*].id");
            for (Number id : wished) {
                call("DELETE", GATEWAY, "/api/v1/wishlist/items/" + id, token, null);
            }
        }
    }
}

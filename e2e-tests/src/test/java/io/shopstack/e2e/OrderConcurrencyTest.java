package io.shopstack.e2e;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.shopstack.e2e.OrdersTest.APPROVED;
import static io.shopstack.e2e.OrdersTest.Checkout;
import static io.shopstack.e2e.OrdersTest.assertStockAddsUp;
import static io.shopstack.e2e.OrdersTest.checkout;
import static io.shopstack.e2e.OrdersTest.newProduct;
import static io.shopstack.e2e.OrdersTest.percentile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty shoppers (test-only users of this run's config clone) check out the last ten items at once, through the
 * gateway. Last of the classes that need a healthy cart: fifty carts read at once on two cores make cart-service's
 * catalog calls slow enough to open its circuit (as designed), and it was seen to stay half-open for up to ~100 s.
 */
@Order(6)
class OrderConcurrencyTest extends PlatformTest {

    @Test
    void fiftyShoppersCheckOutTenItemsAtOnceExactlyTenAreConfirmedFortyRejectedWithAReason() throws Exception {
        long productId = newProduct(10);
        int shoppers = RunningPlatform.SHOPPERS;
        List<String> tokens = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> logins = new ArrayList<>();
            for (int number = 1; number <= shoppers; number++) {
                int shopper = number;
                logins.add(pool.submit(() -> {
                    String token = new io.shopstack.cli.token.TokenClient()
                            .userToken(
                                    platform.issuer(),
                                    RunningPlatform.shopper(shopper),
                                    RunningPlatform.shopperPassword(shopper).toCharArray(),
                                    io.shopstack.cli.token.TokenClient.DEFAULT_USER_SCOPE);
                    // After the chaos scenarios the services' pools are cold: a 503 (Retry-After) is tried again.
                    List<java.net.http.HttpResponse<String>> added = new ArrayList<>();
                    org.awaitility.Awaitility.await()
                            .atMost(java.time.Duration.ofSeconds(30))
                            .pollInterval(java.time.Duration.ofSeconds(1))
                            .until(() -> {
                                added.add(call(
                                        "POST",
                                        GATEWAY,
                                        "/api/v1/cart/items",
                                        token,
                                        ShoppingJourneyTest.item(productId, 1)));
                                return added.getLast().statusCode() != 503;
                            });
                    assertThat(added.getLast().statusCode())
                            .as(added.getLast().body())
                            .isIn(200, 201);
                    return token;
                }));
            }
            for (Future<String> login : logins) {
                tokens.add(login.get());
            }
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Checkout>> checkouts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(shoppers)) {
            for (String token : tokens) {
                checkouts.add(pool.submit(() -> {
                    start.await();
                    return checkout(token, "{\"paymentMethod\":\"" + APPROVED + "\"}");
                }));
            }
            start.countDown();
            Map<String, Integer> outcomes = new HashMap<>();
            List<Long> answered = new ArrayList<>();
            List<Long> settled = new ArrayList<>();
            int retried = 0;
            for (Future<Checkout> future : checkouts) {
                Checkout checkout = future.get();
                answered.add(checkout.answeredMillis());
                settled.add(checkout.settledMillis());
                retried += checkout.attempts() - 1;
                outcomes.merge(checkout.outcome(), 1, Integer::sum);
            }
            // The other forty: an order cancelled when its stock could not be reserved, or refused at once when the
            // cart already showed the stock as gone. Either way, out of stock.
            assertThat(outcomes.get("CONFIRMED")).as(outcomes.toString()).isEqualTo(10);
            assertThat(outcomes.getOrDefault("CANCELLED:OUT_OF_STOCK", 0)
                            + outcomes.getOrDefault("REFUSED:OUT_OF_STOCK", 0))
                    .as(outcomes.toString())
                    .isEqualTo(40);
            Scenarios.note("50 at once: POST p50 " + percentile(answered, 50) + " ms, p99 " + percentile(answered, 99)
                    + " ms; final state p50 " + percentile(settled, 50) + " ms, p99 " + percentile(settled, 99)
                    + " ms; " + retried + " POSTs retried with their key after a 503; " + outcomes);
        }
        assertThat(product(productId).stock()).isZero();
        assertStockAddsUp(productId);
    }
}

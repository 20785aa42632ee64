package io.shopstack.load;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A shopper's visit through the gateway, one visit per virtual user, arriving at a fixed rate (open model: arrivals
 * do not wait for the platform, so a slow platform shows as latency and errors, not as fewer requests). Each visit:
 * the catalog list, a search ({@code q}), a category, a product page, add to cart, apply a promo code, add to the
 * wishlist. Every request carries a shopper's bearer token (signed-in shoppers: JWT validation and the per-user rate
 * limits are on the path). Settings: {@link LoadSettings}; how to run it: docs/performance.md, "Load tool".
 */
public class ShopperJourneySimulation extends Simulation {

    /** The cart goal (issue 16), measured on this request: through the gateway, at 20 adds a second. */
    static final String ADD_TO_CART = "add to cart";

    /** A line's quantity is set back to 1 from here on, so that carts never reach the stock or the quantity limit. */
    private static final int QUANTITY_RESET_AT = 10;

    private final LoadSettings settings = LoadSettings.fromEnvironment();
    private final Catalog catalog = Catalog.read(settings);

    private final HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl().toString())
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .header("Authorization", "Bearer #{token}")
            // One connection pool for all visits: the platform is measured, not the load generator's TCP handshakes
            // on two shared cores.
            .shareConnections();

    private final ChainBuilder browse = exec(
            http("catalog list").get("/api/products?size=20").check(status().is(200)),
            http("search").get("/api/products?size=20&q=#{term}").check(status().is(200)),
            http("category")
                    .get("/api/products?size=20&categoryId=#{categoryId}")
                    .check(status().is(200)),
            http("product page").get("/api/products/#{productId}").check(status().is(200)));

    private final ChainBuilder shop = exec(http(ADD_TO_CART)
                    .post("/api/v1/cart/items")
                    .body(StringBody("{\"productId\":#{productId},\"quantity\":1}"))
                    .check(status().is(200))
                    .check(jsonPath("$.items[?(@.productId == #{productId})].id")
                            .ofLong()
                            .saveAs("lineId"))
                    .check(jsonPath("$.items[?(@.productId == #{productId})].quantity")
                            .ofInt()
                            .saveAs("quantity")))
            // A visit whose add failed (counted as a failure) ends here: the cart steps after it would only fail too.
            .exitHereIfFailed()
            .doIf(session -> session.getInt("quantity") >= QUANTITY_RESET_AT)
            .then(exec(http("reset quantity")
                    .patch("/api/v1/cart/items/#{lineId}")
                    .body(StringBody("{\"quantity\":1}"))
                    .check(status().is(200))))
            .exec(http("apply promo code")
                    .post("/api/v1/cart/promo")
                    .body(StringBody("{\"code\":\"" + settings.promoCode() + "\"}"))
                    .check(status().is(200)))
            .exec(http("wishlist add")
                    .post("/api/v1/wishlist/items")
                    .body(StringBody("{\"productId\":#{wishedId}}"))
                    // 201 new, 200 already on the wishlist.
                    .check(status().in(200, 201)));

    private final ScenarioBuilder journey =
            scenario("shopper journey").feed(visits()).exec(browse).exec(shop);

    {
        setUp(journey.injectOpen(
                        rampUsersPerSec(1).to(settings.rate()).during(settings.ramp()),
                        constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(protocol)
                .assertions(assertions());
    }

    /** Smoke: no request may fail. Goals: the same, and the cart goal's latencies (issue 16). */
    private List<Assertion> assertions() {
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().count().is(0L));
        if (settings.assertions() == LoadSettings.Assertions.GOALS) {
            assertions.add(details(ADD_TO_CART).responseTime().percentile(50.0).lte(10));
            assertions.add(details(ADD_TO_CART).responseTime().percentile(99.0).lte(40));
        }
        return assertions;
    }

    /** Each visit: the next shopper's token (round robin), a product, a search term, a category, a product to wish. */
    private Iterator<Map<String, Object>> visits() {
        AtomicInteger next = new AtomicInteger();
        List<String> tokens = settings.tokens();
        return Stream.generate(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    Catalog.Product product = catalog.pick(random);
                    return Map.<String, Object>of(
                            "token", tokens.get(Math.floorMod(next.getAndIncrement(), tokens.size())),
                            "productId", product.id(),
                            "categoryId", product.categoryId(),
                            "term", catalog.term(random),
                            "wishedId", catalog.pick(random).id());
                })
                .iterator();
    }
}

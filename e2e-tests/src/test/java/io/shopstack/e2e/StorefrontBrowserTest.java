package io.shopstack.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront in a real browser (Debian's Chromium, headless), through the gateway's single entry URL, with the
 * real login form: anonymous browsing and search; alice signs in and shops (add, quantity, remove, promo code,
 * wishlist to cart, totals to the cent); an administrator changes a price and alice's cart shows it; the cart still
 * renders, with a notice, while product-service is down; alice checks out (a declined card, then an approved one: the
 * order is confirmed, in her history, and out of her cart); logout ends the issuer's session too. Every page is
 * photographed to {@code target/storefront/}; each page's weight and first paint go to
 * {@code target/storefront/metrics.md}.
 */
@Order(4)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorefrontBrowserTest extends PlatformTest {

    static final Path OUT = RunningPlatform.findRoot().resolve("e2e-tests/target/storefront");
    static final List<Browser.PageMetrics> METRICS = Browser.newMetrics();

    static Browser alice;
    static Browser admin;
    static ProductRef added;
    static ProductRef second;
    static ProductRef wished;

    @BeforeAll
    static void browsers() throws Exception {
        Browser.requireInstalled();
        alice = new Browser("alice", OUT, METRICS);
        admin = new Browser("admin", OUT, METRICS);
        // A known start: alice's cart and wishlist emptied through the API (earlier classes used them too).
        String token = userToken("alice");
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", token, null).statusCode())
                .isEqualTo(204);
        var wishlist = get(GATEWAY, "/api/v1/wishlist", token);
        List<Number> ids = json(wishlist, "$.items[*].id");
        for (Number id : ids) {
            call("DELETE", GATEWAY, "/api/v1/wishlist/items/" + id, token, null);
        }
        List<ProductRef> inStock =
                products().stream().filter(p -> p.stock() >= 20).toList();
        added = inStock.get(5);
        second = inStock.get(6);
        wished = inStock.get(7);
    }

    @AfterAll
    static void report() throws Exception {
        StringBuilder table = new StringBuilder(
                "| page | bytes transferred | requests | first contentful paint (ms) | DOMContentLoaded (ms) |\n"
                        + "|---|---:|---:|---:|---:|\n");
        for (Browser.PageMetrics m : METRICS) {
            table.append("| %s | %d | %d | %.0f | %.0f |%n"
                    .formatted(
                            m.page(),
                            m.transferredBytes(),
                            m.requests(),
                            m.firstContentfulPaintMillis(),
                            m.domContentLoadedMillis()));
        }
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("metrics.md"), table.toString());
        System.out.println("Storefront pages in Chromium:\n" + table);
        if (alice != null) {
            alice.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    static URI page(String path) {
        return url(GATEWAY, path);
    }

    @Test
    @Order(1)
    void anAnonymousShopperBrowsesSearchesAndPagesAndIsSentToTheLoginFormForTheCart() throws Exception {
        alice.open(page("/"));
        assertThat(alice.all("#products .product")).hasSizeGreaterThan(1);
        assertThat(alice.find("#sign-in").getText()).isEqualTo("Sign in");
        alice.measure("catalog (/)");
        alice.screenshot("01-catalog");

        // Search by a word of a product's name: every card shown matches.
        String word = added.name().split("\\s+")[0];
        alice.find("#q").sendKeys(word);
        alice.find("#search button[type=submit]").click();
        alice.awaitReady();
        assertThat(alice.driver.getCurrentUrl()).contains("q=");
        List<WebElement> found = alice.all("#products .product h2");
        assertThat(found).isNotEmpty();
        assertThat(found)
                .allSatisfy(title ->
                        assertThat(title.getText().toLowerCase(Locale.ROOT)).contains(word.toLowerCase(Locale.ROOT)));
        alice.screenshot("02-search");

        // Paging: the demo catalog has more than one page of 12.
        alice.open(page("/"));
        String first = alice.text("#products .product h2");
        alice.find("#next").click();
        alice.awaitReady();
        assertThat(alice.text("#page-info")).startsWith("Page 2 of");
        assertThat(alice.text("#products .product h2")).isNotEqualTo(first);

        // Category filter (the select is labelled; keyboard-usable like any select).
        alice.open(page("/"));
        new Select(alice.find("#category")).selectByIndex(1);
        alice.awaitReady();
        String category =
                new Select(alice.find("#category")).getFirstSelectedOption().getText();
        assertThat(alice.all("#products .product"))
                .isNotEmpty()
                .allSatisfy(card -> assertThat(card.getText()).contains(category));

        // Product detail.
        alice.open(page("/products/" + added.id()));
        assertThat(alice.text("#product h1")).isEqualTo(added.name());
        assertThat(alice.find("#admin").isDisplayed()).isFalse();
        alice.measure("product detail (/products/{id})");
        alice.screenshot("03-product");

        // The cart needs a login: the real login form, not a 401 body.
        alice.driver.get(page("/cart").toString());
        alice.waitUntil(
                "the login form", d -> !d.findElements(By.id("username")).isEmpty());
        assertThat(URI.create(alice.driver.getCurrentUrl()).getPath()).isEqualTo("/login");
        alice.screenshot("04-login-form");
    }

    @Test
    @Order(2)
    void aliceSignsInAndShopsAndTheTotalsAreRightToTheCent() throws Exception {
        signIn(alice, "alice");
        // Back where she wanted to go: the (empty) cart.
        assertThat(URI.create(alice.driver.getCurrentUrl()).getPath()).isEqualTo("/cart");
        alice.awaitReady();
        assertThat(alice.text("#signed-in-as")).isEqualTo("Signed in as alice");
        assertThat(alice.text("#cart")).contains("Your cart is empty");
        assertThat(alice.driver.manage().getCookieNamed("SHOPSTACK_SESSION")).satisfies(cookie -> {
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Lax");
        });
        assertThat(alice.driver.manage().getCookies())
                .as("no token in any cookie")
                .noneMatch(cookie -> cookie.getValue().startsWith("eyJ"));

        // From the catalog and the product page.
        alice.open(page("/products/" + added.id()));
        alice.find("#add-to-cart").click();
        alice.waitUntil("added", d -> alice.text("#messages").contains("Added to your cart"));
        alice.open(page("/products/" + second.id()));
        alice.find("#quantity").clear();
        alice.find("#quantity").sendKeys("2");
        alice.find("#add-to-cart").click();
        alice.waitUntil("added", d -> alice.text("#messages").contains("Added to your cart"));
        alice.find("#add-to-wishlist").click();
        alice.waitUntil("saved", d -> alice.text("#messages").contains("Saved to your wishlist"));
        alice.open(page("/products/" + wished.id()));
        alice.find("#add-to-wishlist").click();
        alice.waitUntil("saved", d -> alice.text("#messages").contains("Saved to your wishlist"));

        // Wishlist: move one to the cart.
        alice.open(page("/wishlist"));
        assertThat(alice.all("#wishlist .wish")).hasSize(2);
        alice.measure("wishlist (/wishlist)");
        alice.screenshot("05-wishlist");
        alice.find("#wishlist .wish[data-product-id='" + wished.id() + "'] button")
                .click();
        alice.waitUntil("moved", d -> alice.text("#messages").contains("moved to your cart"));
        alice.waitUntil("one left", d -> alice.all("#wishlist .wish").size() == 1);

        // Cart: change a quantity (keyboard: type and Enter), apply a promo code, remove a line.
        alice.open(page("/cart"));
        assertThat(alice.all("#cart .cart-line")).hasSize(3);
        WebElement quantity = alice.find(".cart-line[data-product-id='" + added.id() + "'] input[type=number]");
        quantity.clear();
        quantity.sendKeys("3\n");
        alice.waitUntil("quantity updated", d -> alice.text("#messages").contains("Quantity updated"));

        String code = percentPromoCode("WEB", 15, "15 % off");
        alice.find("#promo-code").sendKeys("NOSUCHCODE");
        alice.find("#promo-form button[type=submit]").click();
        alice.waitUntil("unknown code", d -> alice.text("#messages").contains("We do not know that promo code"));
        alice.find("#promo-code").clear();
        alice.find("#promo-code").sendKeys(code.toLowerCase(Locale.ROOT));
        alice.find("#promo-form button[type=submit]").click();
        alice.waitUntil("promo applied", d -> alice.text("#messages").contains("Promo code applied"));

        // 3 x added + 2 x second + 1 x wished, minus 15 % (rounded half up to the cent).
        BigDecimal subtotal = price(added)
                .multiply(BigDecimal.valueOf(3))
                .add(price(second).multiply(BigDecimal.valueOf(2)))
                .add(price(wished));
        BigDecimal discount =
                subtotal.multiply(BigDecimal.valueOf(15)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        assertTotals(subtotal, discount);
        alice.measure("cart (/cart)");
        alice.screenshot("06-cart");

        alice.find(".cart-line[data-product-id='" + second.id() + "'] button[aria-label^='Remove']")
                .click();
        alice.waitUntil("removed", d -> alice.all("#cart .cart-line").size() == 2);
        subtotal = subtotal.subtract(price(second).multiply(BigDecimal.valueOf(2)));
        discount = subtotal.multiply(BigDecimal.valueOf(15)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        assertTotals(subtotal, discount);
        alice.phone();
        alice.open(page("/cart"));
        alice.screenshot("07-cart-phone");
        alice.desktop();
    }

    @Test
    @Order(3)
    void anAdministratorChangesAPriceAndAlicesCartShowsIt() throws Exception {
        admin.open(page("/products/" + added.id()));
        admin.find("#sign-in").click();
        signIn(admin, "admin");
        // Back on the product page (the saved request), now with the administrator's form.
        admin.waitUntil("admin form", d -> admin.find("#admin").isDisplayed());
        assertThat(URI.create(admin.driver.getCurrentUrl()).getPath()).isEqualTo("/products/" + added.id());
        BigDecimal newPrice = price(added).add(new BigDecimal("1.11"));
        admin.find("#price").clear();
        admin.find("#price").sendKeys(newPrice.toPlainString());
        admin.find("#price-form button").click();
        admin.waitUntil("price saved", d -> admin.text("#messages").contains("Price saved"));
        admin.screenshot("08-admin-product");
        assertThat(new BigDecimal(product(added.id()).price())).isEqualByComparingTo(newPrice);
        admin.find("#stock").clear();
        admin.find("#stock").sendKeys(String.valueOf(added.stock() + 5));
        admin.find("#stock-form button").click();
        admin.waitUntil("stock saved", d -> admin.text("#messages").contains("Stock saved"));
        assertThat(product(added.id()).stock()).isEqualTo(added.stock() + 5);

        // alice's cart page: the new price, and the notice that a price changed.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    alice.open(page("/cart"));
                    assertThat(alice.text(".cart-line[data-product-id='" + added.id() + "'] .unit-price"))
                            .contains(newPrice.setScale(2, RoundingMode.UNNECESSARY)
                                    .toPlainString());
                });
        assertThat(alice.text("#price-change-notice")).contains("Some prices have changed");
        assertThat(alice.text(".cart-line[data-product-id='" + added.id() + "']"))
                .contains("Price changed: was");
        alice.screenshot("09-cart-price-changed");
        added = new ProductRef(
                added.id(), added.name(), newPrice.toPlainString(), 0, added.categoryId(), added.stock() + 5);
    }

    @Test
    @Order(4)
    void withProductServiceDownTheCartStillRendersWithTheStaleNoticeAndTheCatalogSaysWhatStillWorks() throws Exception {
        kill("product-service-1");
        // cart-service answers from its product cache (5 min) as long as it has the data, and rightly says nothing is
        // stale then. Forget the cache, as its expiry would: now the cart must ask the catalog, which is down.
        forgetCachedProducts();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        alice.open(page("/cart"));
                        assertThat(alice.find("#stale").isDisplayed()).isTrue();
                    });
            assertThat(alice.text("#stale")).contains("Prices and stock may be out of date");
            assertThat(alice.all("#cart .cart-line")).hasSize(2);
            alice.measure("cart, catalog down");
            alice.screenshot("10-cart-catalog-down");

            alice.open(page("/"));
            assertThat(alice.text("#messages"))
                    .contains("The product catalog is not available right now")
                    .contains("Your cart and wishlist still work");
            alice.screenshot("11-catalog-down");
        } finally {
            assertThat(platform.run("start", "product-service"))
                    .as("./platform start product-service")
                    .isZero();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            get(GATEWAY, "/api/products/" + added.id(), null).statusCode() == 200);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    alice.open(page("/cart"));
                    assertThat(alice.find("#stale").isDisplayed()).isFalse();
                });
    }

    @Test
    @Order(5)
    void aliceChecksOutADeclinedCardIsExplainedThenTheTestCardConfirmsTheOrderWhichIsInHerHistoryAndLeavesTheCart()
            throws Exception {
        // A known cart: just `second`, twice, with a promo code (orders do not apply it yet: the page says so).
        String token = userToken("alice");
        assertThat(call("DELETE", GATEWAY, "/api/v1/cart", token, null).statusCode())
                .isEqualTo(204);
        alice.open(page("/products/" + second.id()));
        alice.find("#quantity").clear();
        alice.find("#quantity").sendKeys("2");
        alice.find("#add-to-cart").click();
        alice.waitUntil("added", d -> alice.text("#messages").contains("Added to your cart"));
        BigDecimal total = price(second).multiply(BigDecimal.valueOf(2));
        String code = percentPromoCode("CHK", 10, "10 % off");
        assertThat(call("PUT", GATEWAY, "/api/v1/cart/promo", token, "{\"code\":\"" + code + "\"}")
                        .statusCode())
                .isEqualTo(200);

        // From the cart's Checkout button: the review, the sandbox's test cards, and the promo caveat.
        alice.open(page("/cart"));
        alice.find("#checkout").click();
        alice.awaitReady();
        assertThat(URI.create(alice.driver.getCurrentUrl()).getPath()).isEqualTo("/checkout");
        assertThat(alice.all("#checkout-cart .checkout-line")).hasSize(1);
        assertThat(alice.text("#checkout-cart")).contains(second.name());
        assertThat(amount(alice.text("#checkout-total")))
                .as("what the order will charge: no discount")
                .isEqualByComparingTo(total);
        assertThat(alice.text("#checkout-discount")).isNotEmpty();
        assertThat(alice.text("#promo-note"))
                .contains("Promo codes are not applied to orders yet")
                .contains(code);
        assertThat(alice.text("#sandbox-notice")).contains("sandbox");
        assertThat(alice.text(".test-cards")).contains("4242 4242 4242 4242").contains("4000 0000 0000 0002");
        alice.phone();
        alice.screenshot("13-checkout-phone");
        alice.desktop();

        // Not a card number: the problem's own sentence, beside the field; nothing is ordered.
        alice.find("#card-number").sendKeys("1234 5678");
        alice.find("#place-order").click();
        alice.waitUntil("card error", d -> alice.find("#card-error").isDisplayed());
        assertThat(alice.text("#card-error")).contains("Not a valid card number");
        assertThat(alice.find("#place-order").isEnabled()).isTrue();
        alice.measure("checkout (/checkout)");
        alice.screenshot("14-checkout-invalid-card");

        // The declined test card: the order is cancelled with the declined sentence.
        alice.find("#card-number").clear();
        alice.find("tr[data-card='4000 0000 0000 0002'] button").click();
        alice.find("#place-order").click();
        String declined = awaitOrderPage(alice, "CANCELLED");
        assertThat(alice.text("#order-status")).contains("Cancelled");
        assertThat(alice.text("#cancellation-reason"))
                .contains("Your card was declined")
                .contains("Nothing was charged");
        alice.screenshot("15-order-declined");

        // Back to checkout (the cart is untouched) with 4242…; a double submit makes one order, not two.
        alice.find("#try-again").click();
        alice.awaitReady();
        List<String> before = json(get(GATEWAY, "/api/v1/orders?limit=50", token), "$.orders[*].id");
        alice.find("#card-number").sendKeys("4242 4242 4242 4242");
        ((org.openqa.selenium.JavascriptExecutor) alice.driver)
                .executeScript(
                        "const f = document.getElementById('checkout-form'); f.requestSubmit(); f.requestSubmit();");
        String confirmed = awaitOrderPage(alice, "CONFIRMED");
        assertThat(confirmed).isNotEqualTo(declined);
        assertThat(alice.text("#order-status")).contains("Confirmed");
        assertThat(alice.text("#order h1")).contains("confirmed");
        assertThat(alice.text(".order-line[data-product-id='" + second.id() + "']"))
                .contains(second.name());
        assertThat(amount(alice.text("#order-total"))).isEqualByComparingTo(total);
        assertThat(alice.all("#cancel-order")).as("paid: no longer cancellable").isEmpty();
        List<String> after = json(get(GATEWAY, "/api/v1/orders?limit=50", token), "$.orders[*].id");
        assertThat(after).hasSize(before.size() + 1).contains(confirmed);
        alice.measure("order confirmation (/orders/{id})");
        alice.screenshot("16-order-confirmed");

        // The history, from the header: newest first, with their states.
        alice.find("header nav a[href='/orders']").click();
        alice.awaitReady();
        List<WebElement> orders = alice.all("#orders .order");
        assertThat(orders.get(0).getDomAttribute("data-order-id")).isEqualTo(confirmed);
        assertThat(orders.get(0).getText()).contains("Confirmed");
        assertThat(orders.get(1).getDomAttribute("data-order-id")).isEqualTo(declined);
        assertThat(orders.get(1).getText()).contains("Cancelled: card declined");
        alice.measure("order history (/orders)");
        alice.screenshot("17-orders");

        // cart-service takes the ordered lines out of the cart (asynchronously, after the confirmation).
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    alice.open(page("/cart"));
                    assertThat(alice.text("#cart")).contains("Your cart is empty");
                });
        assertThat(alice.find("#cart-count").isDisplayed()).isFalse();

        alice.phone();
        alice.open(page("/orders/" + confirmed));
        alice.screenshot("18-order-phone");
        alice.desktop();
    }

    @Test
    @Order(6)
    void signingOutEndsTheGatewaySessionAndTheIssuersSession() throws Exception {
        alice.open(page("/cart"));
        String session =
                alice.driver.manage().getCookieNamed("SHOPSTACK_SESSION").getValue();
        alice.find("#sign-out").click();
        alice.waitUntil(
                "back on the catalog",
                d -> URI.create(d.getCurrentUrl()).getPath().equals("/"));
        alice.awaitReady();
        assertThat(alice.find("#sign-in").isDisplayed()).isTrue();
        assertThat(alice.driver.manage().getCookieNamed("SHOPSTACK_SESSION"))
                .as("the signed-in session is not kept (an anonymous page may start a new one)")
                .satisfiesAnyOf(
                        cookie -> assertThat(cookie).isNull(),
                        cookie -> assertThat(cookie.getValue()).isNotEqualTo(session));
        alice.screenshot("12-signed-out");
        // The old session is gone from Redis: its cookie, replayed, is nobody's.
        var replayed = platform.send(java.net.http.HttpRequest.newBuilder(page("/api/v1/cart"))
                .header("Cookie", "SHOPSTACK_SESSION=" + session)
                .GET());
        assertThat(replayed.statusCode()).isEqualTo(401);
        // The issuer's session ended too: the cart asks for the password again instead of signing in silently.
        alice.driver.get(page("/cart").toString());
        alice.waitUntil(
                "the login form", d -> !d.findElements(By.id("username")).isEmpty());
    }

    // ------------------------------------------------------------------ helpers

    /** The issuer's login form, reached through the gateway (the browser never leaves the entry URL's origin). */
    static void signIn(Browser browser, String user) {
        browser.waitUntil(
                "the login form", d -> !d.findElements(By.id("username")).isEmpty());
        assertThat(URI.create(browser.driver.getCurrentUrl()).getPort()).isEqualTo(platform.port(GATEWAY));
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(user + "-password");
        browser.find("button[type=submit]").click();
        browser.waitUntil(
                "signed in",
                d -> d.findElements(By.id("username")).isEmpty()
                        && !d.findElements(By.id("signed-in-as")).isEmpty());
        browser.awaitReady();
    }

    /** Deletes cart-service's cached products in Redis (keys cart:catalog:product:*), over Redis' own protocol. */
    static void forgetCachedProducts() throws Exception {
        String script = "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 1";
        String[] command = {"EVAL", script, "0", "cart:catalog:product:*"};
        StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
        for (String part : command) {
            resp.append('$')
                    .append(part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .append("\r\n")
                    .append(part)
                    .append("\r\n");
        }
        try (var socket = new java.net.Socket("127.0.0.1", platform.port("SHOPSTACK_REDIS_PORT"))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(resp.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
            assertThat(reply).as("Redis EVAL").isEqualTo(":1");
        }
    }

    /** After "Place order": the order's page, once it shows the given final status; returns the order's id. */
    static String awaitOrderPage(Browser browser, String status) {
        browser.waitUntil(
                "the order page", d -> URI.create(d.getCurrentUrl()).getPath().startsWith("/orders/"));
        browser.awaitReady();
        browser.waitUntil(
                "order " + status, d -> status.equals(browser.find("#order").getDomAttribute("data-status")));
        return URI.create(browser.driver.getCurrentUrl()).getPath().substring("/orders/".length());
    }

    static BigDecimal price(ProductRef product) {
        return new BigDecimal(product.price());
    }

    /** The amounts shown, as numbers (the page formats them as currency). */
    void assertTotals(BigDecimal subtotal, BigDecimal discount) {
        alice.waitUntil("totals", d -> !alice.all("#total").isEmpty());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(amount(alice.text("#subtotal"))).isEqualByComparingTo(subtotal);
            assertThat(amount(alice.text("#discount"))).isEqualByComparingTo(discount);
            assertThat(amount(alice.text("#total"))).isEqualByComparingTo(subtotal.subtract(discount));
            assertThat(alice.text("#total")).matches("€[0-9,]+\\.[0-9]{2}");
        });
    }

    static BigDecimal amount(String shown) {
        return new BigDecimal(shown.replaceAll("[^0-9.]", ""));
    }
}

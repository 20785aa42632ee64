package io.shopstack.cart;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.shopstack.cart.CartApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege on {@code /internal/**} (issue 13): each endpoint demands its purpose scope. The attacks tried
 * with a monitor's token (Prometheus gets {@code metrics:read}) and with product-service's ({@code catalog:events})
 * are refused with a 403 problem and change no row; the operator's and product-service's own calls still work.
 */
class InternalScopesTest extends CartServiceIntegrationTest {

    @Test
    void aMonitorTokenCannotCreateAPromoCode() throws Exception {
        String code = "FREE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        int before = promoCodes();

        assertProblem(send("POST", "/internal/promo-codes", MONITOR, freePromo(code)), 403, "FORBIDDEN");

        assertThat(promoCodes()).isEqualTo(before);
        assertThat(promoCode(code)).isZero();
    }

    @Test
    void aMonitorTokenCannotPostACatalogEvent() throws Exception {
        long product = catalog.create("Monitored mug", "10.00", 10);
        addToCart(token(newUser()), product, 1);
        UUID eventId = UUID.randomUUID();
        String forged = CatalogEventsTest.event(
                eventId,
                "product.price_changed",
                "product",
                product,
                Long.MAX_VALUE,
                CatalogEventsTest.price(product, "10.00", "0.01"));

        assertProblem(send("POST", "/internal/events", MONITOR, forged), 403, "FORBIDDEN");

        assertThat(jdbc.queryForObject(
                        "select count(*) from processed_events where event_id = ?", Integer.class, eventId))
                .isZero();
        assertThat(versionRows(product)).isZero();
        assertThat(jdbc.queryForList(
                        "select unit_price from cart_items where product_id = ?", BigDecimal.class, product))
                .containsOnly(new BigDecimal("10.0000"));
    }

    @Test
    void aMonitorTokenCannotListReplayOrDiscardDeadLetters() throws Exception {
        long id = deadLetter();
        Map<String, Object> before = letter(id);

        assertProblem(get("/internal/dead-letters", MONITOR), 403, "FORBIDDEN");
        assertProblem(get("/internal/dead-letters/" + id, MONITOR), 403, "FORBIDDEN");
        assertProblem(send("POST", "/internal/dead-letters/" + id + "/replay", MONITOR, null), 403, "FORBIDDEN");
        assertProblem(send("POST", "/internal/dead-letters/" + id + "/discard", MONITOR, null), 403, "FORBIDDEN");
        assertProblem(send("DELETE", "/internal/dead-letters/" + id, MONITOR, null), 403, "FORBIDDEN");

        assertThat(letter(id)).isEqualTo(before);
        assertThat(before).containsEntry("status", "PENDING");
    }

    @Test
    void productServicesTokenPostsEventsButCannotTouchPromoCodesOrDeadLetters() throws Exception {
        String code = "PS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long id = deadLetter();
        Map<String, Object> letterBefore = letter(id);
        int before = promoCodes();

        assertProblem(send("POST", "/internal/promo-codes", PRODUCT_SERVICE, freePromo(code)), 403, "FORBIDDEN");
        assertProblem(
                send("POST", "/internal/dead-letters/" + id + "/replay", PRODUCT_SERVICE, null), 403, "FORBIDDEN");
        assertProblem(get("/internal/health", PRODUCT_SERVICE), 403, "FORBIDDEN");

        assertThat(promoCodes()).isEqualTo(before);
        assertThat(promoCode(code)).isZero();
        assertThat(letter(id)).isEqualTo(letterBefore);

        // its own purpose: a catalog event
        long product = catalog.create("Product-service mug", "12.00", 10);
        addToCart(token(newUser()), product, 1);
        long version = catalog.change(product, "price", "11.00");
        Response event = send(
                "POST",
                "/internal/events",
                PRODUCT_SERVICE,
                CatalogEventsTest.event(
                        UUID.randomUUID(),
                        "product.price_changed",
                        "product",
                        product,
                        version,
                        CatalogEventsTest.price(product, "12.00", "11.00")));
        assertThat(event.status()).as(event.text()).isEqualTo(200);
        assertThat(event.body().get("outcome").asString()).isEqualTo("APPLIED");
    }

    @Test
    void operatorScopesManagePromoCodesAndDeadLettersButPostNoEvents() throws Exception {
        String code = "OP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Response created = send("POST", "/internal/promo-codes", OPERATOR, freePromo(code));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(promoCode(code)).isOne();

        long id = deadLetter();
        Response list = get("/internal/dead-letters", OPERATOR);
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        Response discarded = send("POST", "/internal/dead-letters/" + id + "/discard", OPERATOR, null);
        assertThat(discarded.status()).as(discarded.text()).isEqualTo(200);
        assertThat(letter(id)).containsEntry("status", "DISCARDED");
        assertThat(get("/internal/health", OPERATOR).status()).isEqualTo(200);

        // catalog events are product-service's alone
        long product = catalog.create("Operator mug", "10.00", 10);
        String event = CatalogEventsTest.event(
                UUID.randomUUID(),
                "product.stock_changed",
                "product",
                product,
                1,
                "{\"product_id\":" + product + ",\"stock_quantity\":0}");
        assertProblem(send("POST", "/internal/events", OPERATOR, event), 403, "FORBIDDEN");
        assertThat(versionRows(product)).isZero();
    }

    @Test
    void anInternalPathNoRuleNamesIsDeniedToEveryToken() throws Exception {
        assertProblem(get("/internal/anything", OPERATOR), 403, "FORBIDDEN");
        assertProblem(get("/internal/anything", MONITOR), 403, "FORBIDDEN");
        // health is read-only: a monitor may read it, not post to it
        assertThat(get("/internal/health", MONITOR).status()).isEqualTo(200);
        assertProblem(send("POST", "/internal/health", MONITOR, null), 403, "FORBIDDEN");
    }

    /** Dead letters are unique per DLQ topic, partition and offset. */
    static final AtomicLong OFFSETS = new AtomicLong(System.currentTimeMillis());

    static String freePromo(String code) {
        return "{\"code\":\"" + code + "\",\"discountType\":\"PERCENT\",\"discountValue\":100}";
    }

    int promoCodes() {
        return jdbc.queryForObject("select count(*) from promo_codes", Integer.class);
    }

    int promoCode(String code) {
        return jdbc.queryForObject("select count(*) from promo_codes where code = ?", Integer.class, code);
    }

    int versionRows(long product) {
        return jdbc.queryForObject(
                "select count(*) from aggregate_versions where aggregate_type = 'product' and aggregate_id = ?",
                Integer.class,
                String.valueOf(product));
    }

    /** A pending dead letter, as the dead-letter consumer would have recorded it. */
    long deadLetter() {
        UUID eventId = UUID.randomUUID();
        return jdbc.queryForObject("""
                insert into dead_letters (event_id, event_type, payload, attempts, dlq_topic, dlq_partition, dlq_offset,
                                          failed_at)
                values (?, 'product.price_changed', '{"event_id":"' || ? || '"}', 3,
                        'scopes-test.dlq', 0, ?, now())
                returning id""", Long.class, eventId, eventId.toString(), OFFSETS.incrementAndGet());
    }

    Map<String, Object> letter(long id) {
        return jdbc.queryForMap(
                "select status, replay_attempts, last_replay_error, resolved_at, resolved_by from dead_letters where id = ?",
                id);
    }
}

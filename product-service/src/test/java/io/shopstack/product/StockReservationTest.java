package io.shopstack.product;

import io.shopstack.events.order.OrderLine;
import io.shopstack.events.order.StockCommand;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductService;
import io.shopstack.product.stock.StockReservations;
import io.shopstack.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stock reservations for the order saga on real PostgreSQL and Kafka: no overselling, idempotent, expiring. */
class StockReservationTest extends ProductServiceIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProductService catalog;

    @Autowired
    StockReservations reservations;

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void fiftyConcurrentOrdersForTenInStockReserveExactlyTenAndNeverGoNegative() throws Exception {
        long productId = product(10);
        int orders = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<UUID> orderIds = new ArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        // As many at once as the connection pool serves (10); the binder's consumer takes them one at a time.
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < orders; i++) {
                UUID orderId = UUID.randomUUID();
                orderIds.add(orderId);
                done.add(pool.submit(() -> {
                    start.await();
                    // each thread goes on to the next order at once: up to 10 reservations race at every moment
                    handleAsTheBinderWould(
                            StockCommand.of(StockCommand.Type.RESERVE, orderId, List.of(new OrderLine(productId, 1))));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        }
        assertThat(status(orderIds, "RESERVED")).isEqualTo(10);
        assertThat(status(orderIds, "REJECTED")).isEqualTo(40);
        assertThat(jdbc.queryForList(
                        "select distinct reason from stock_reservations where status = 'REJECTED' and order_id = any(?)",
                        String.class,
                        (Object) orderIds.toArray(UUID[]::new)))
                .containsExactly("OUT_OF_STOCK");
        assertThat(stock(productId)).isZero();
        assertThat(reserved(productId)).isEqualTo(10);
        assertThat(replies(orderIds, "RESERVED")).isEqualTo(10);
        assertThat(replies(orderIds, "REJECTED")).isEqualTo(40);
    }

    @Test
    void allLinesOrNoneAndEveryCommandIsIdempotent() {
        long plenty = product(5);
        long scarce = product(1);
        UUID tooMuch = UUID.randomUUID();
        reservations.handle(StockCommand.of(
                StockCommand.Type.RESERVE, tooMuch, List.of(new OrderLine(plenty, 2), new OrderLine(scarce, 2))));
        assertThat(stock(plenty)).isEqualTo(5); // the first line's reservation was rolled back with the second
        assertThat(stock(scarce)).isEqualTo(1);

        UUID order = UUID.randomUUID();
        StockCommand reserve = StockCommand.of(StockCommand.Type.RESERVE, order, List.of(new OrderLine(plenty, 2)));
        reservations.handle(reserve);
        reservations.handle(reserve); // redelivered
        assertThat(stock(plenty)).isEqualTo(3);
        StockCommand confirm = StockCommand.of(StockCommand.Type.CONFIRM, order, List.of());
        reservations.handle(confirm);
        reservations.handle(confirm);
        reservations.handle(StockCommand.of(StockCommand.Type.RELEASE, order, List.of())); // a sale stays a sale
        assertThat(stock(plenty)).isEqualTo(3);
        assertThat(status(List.of(order), "CONFIRMED")).isEqualTo(1);
        assertThat(replies(List.of(order), "RESERVED")).isEqualTo(2); // the same answer twice
        assertThat(replies(List.of(order), "CONFIRMED")).isEqualTo(3);

        UUID cancelled = UUID.randomUUID();
        reservations.handle(StockCommand.of(StockCommand.Type.RESERVE, cancelled, List.of(new OrderLine(plenty, 1))));
        StockCommand release = StockCommand.of(StockCommand.Type.RELEASE, cancelled, List.of());
        reservations.handle(release);
        reservations.handle(release);
        assertThat(stock(plenty)).isEqualTo(3);

        UUID overtaken = UUID.randomUUID(); // the release arrives before its reserve
        reservations.handle(StockCommand.of(StockCommand.Type.RELEASE, overtaken, List.of()));
        reservations.handle(StockCommand.of(StockCommand.Type.RESERVE, overtaken, List.of(new OrderLine(plenty, 1))));
        assertThat(stock(plenty)).isEqualTo(3);
        assertThat(replies(List.of(overtaken), "REJECTED")).isEqualTo(1);
    }

    @Test
    void anExpiredReservationGoesBackToStockAndCannotBeConfirmed() {
        long productId = product(4);
        UUID order = UUID.randomUUID();
        reservations.handle(StockCommand.of(StockCommand.Type.RESERVE, order, List.of(new OrderLine(productId, 3))));
        assertThat(stock(productId)).isEqualTo(1);
        jdbc.update("update stock_reservations set expires_at = now() - interval '1 second' where order_id = ?", order);

        await().atMost(Duration.ofSeconds(20)).until(() -> stock(productId) == 4);
        assertThat(status(List.of(order), "EXPIRED")).isEqualTo(1);
        reservations.handle(StockCommand.of(StockCommand.Type.CONFIRM, order, List.of()));
        assertThat(replies(List.of(order), "CONFIRM_FAILED")).isEqualTo(1);
        assertThat(stock(productId)).isEqualTo(4);
    }

    @Test
    void commandsArriveOverKafkaAndRepliesLeaveThroughTheOutbox() {
        long productId = product(2);
        UUID order = UUID.randomUUID();
        EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            consumer.subscribe(List.of("stock.replies.v1"));
            String command = json.writeValueAsString(
                    StockCommand.of(StockCommand.Type.RESERVE, order, List.of(new OrderLine(productId, 2))));
            producer.send(new ProducerRecord<>("stock.commands.v1", order.toString(), command));
            producer.flush();
            List<JsonNode> replies = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (order.toString().equals(record.key())) {
                        replies.add(json.readTree(record.value()));
                    }
                });
                return !replies.isEmpty();
            });
            JsonNode reply = replies.getFirst();
            assertThat(reply.get("type").asString()).isEqualTo("stock.reserved");
            assertThat(reply.get("order_id").asString()).isEqualTo(order.toString());
            assertThat(reply.get("lines").get(0).get("unit_price").decimalValue())
                    .isEqualByComparingTo("12.50");
            assertThat(reply.get("lines").get(0).get("name").asString()).isEqualTo("Reservable");
        }
        assertThat(stock(productId)).isZero();
    }

    /**
     * Like the Kafka binder, tries a command again, after a pause, when the database could not be had: a loaded machine
     * may not open a pool connection within the platform's 250 ms, and the service then fails fast until its next
     * probe connects (every 500 ms). Safe, because a repeated command changes nothing twice.
     */
    private void handleAsTheBinderWould(StockCommand command) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    try {
                        reservations.handle(command);
                        return true;
                    } catch (org.springframework.transaction.CannotCreateTransactionException
                            | org.springframework.dao.DataAccessResourceFailureException
                            | org.springframework.dao.TransientDataAccessException e) {
                        return false;
                    }
                });
    }

    private long product(int stock) {
        return catalog.create(
                        new ProductRequest("Reservable", null, new BigDecimal("12.50"), "EUR", stock, true, null, null))
                .id();
    }

    private int stock(long productId) {
        return jdbc.queryForObject("select stock_quantity from products where id = ?", Integer.class, productId);
    }

    private int reserved(long productId) {
        return jdbc.queryForObject("""
                select coalesce(sum(l.quantity), 0) from stock_reservation_lines l
                join stock_reservations r using (order_id) where r.status = 'RESERVED' and l.product_id = ?""", Integer.class, productId);
    }

    private int status(List<UUID> orders, String status) {
        return jdbc.queryForObject(
                "select count(*) from stock_reservations where status = ? and order_id = any(?)",
                Integer.class,
                status,
                orders.toArray(UUID[]::new));
    }

    private int replies(List<UUID> orders, String type) {
        return jdbc.queryForObject(
                "select count(*) from outbox_events where binding = 'stockReplies-out-0' and event_type = 'stock.' || lower(?) and aggregate_id = any(?)",
                Integer.class,
                type,
                orders.stream().map(UUID::toString).toArray(String[]::new));
    }
}

package io.shopstack.product;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.deadletters.DeadLetterService;
import io.shopstack.events.order.OrderLine;
import io.shopstack.events.order.StockCommand;
import io.shopstack.infrastructure.Server;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductService;
import io.shopstack.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saga's stock commands that fail every attempt end in {@code stock.commands.v1.product-service.dlq}, are
 * recorded by {@code stockDeadLetters-in-0} and handled with the operator API (platform-dead-letters), on real Kafka
 * and PostgreSQL.
 */
class StockDeadLettersTest extends ProductServiceIntegrationTest {

    static final String OPERATOR = tokens.token("operator", "dlq:admin");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProductService catalog;

    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();

    /**
     * The cause, a real one: PostgreSQL refuses reservations for the orders in {@code dead_letter_test_refused}
     * (as a database constraint or outage would), so the handler throws on every attempt.
     */
    void refuseReservationsOf(UUID order) {
        jdbc.execute("""
                create table if not exists dead_letter_test_refused (order_id uuid primary key);
                create or replace function dead_letter_test_refuse() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from dead_letter_test_refused where order_id = new.order_id) then
                        raise exception 'reservations of order % refused by the test', new.order_id;
                    end if;
                    return new;
                end $$;
                drop trigger if exists dead_letter_test_refuse on stock_reservations;
                create trigger dead_letter_test_refuse before insert on stock_reservations
                    for each row execute function dead_letter_test_refuse();""");
        jdbc.update("insert into dead_letter_test_refused (order_id) values (?)", order);
    }

    @AfterEach
    void removeTheCause() {
        jdbc.execute("""
                drop trigger if exists dead_letter_test_refuse on stock_reservations;
                drop function if exists dead_letter_test_refuse();
                drop table if exists dead_letter_test_refused;""");
    }

    @Test
    void aCommandThatKeepsFailingIsDeadLetteredListedAndReplayedOnceTheCauseIsGone() throws Exception {
        long productId = catalog.create(
                        new ProductRequest("Dead-lettered", null, new BigDecimal("3.00"), "EUR", 5, true, null, null))
                .id();
        UUID order = UUID.randomUUID();
        refuseReservationsOf(order);
        StockCommand command = StockCommand.of(StockCommand.Type.RESERVE, order, List.of(new OrderLine(productId, 2)));
        publish(order.toString(), json.writeValueAsString(command));

        JsonNode letter = awaitDeadLetter(command.messageId());
        assertThat(letter.get("status").asString()).isEqualTo("PENDING");
        assertThat(letter.get("eventType").asString()).isEqualTo("stock.reserve");
        assertThat(letter.get("recordKey").asString()).isEqualTo(order.toString());
        assertThat(letter.get("sourceTopic").asString()).isEqualTo("stock.commands.v1");
        assertThat(letter.get("attempts").asInt()).isEqualTo(4);
        assertThat(letter.get("errorMessage").asString()).contains("refused by the test");
        long id = letter.get("id").asLong();
        assertThat(meters.get(DeadLetterService.PENDING).gauge().value()).isGreaterThanOrEqualTo(1.0);

        // Only an operator: a catalog writer's token is refused, and so is none.
        assertThat(send("GET", "/internal/dead-letters", ADMIN, null).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/internal/dead-letters/" + id, CUSTOMER, null).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/internal/dead-letters/" + id + "/replay", ADMIN, null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/internal/dead-letters", null, null).statusCode())
                .isEqualTo(401);

        // While the cause is there, a replay fails again and the letter stays pending with the error.
        HttpResponse<String> failed = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(failed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(failed.body()).get("outcome").asString()).isEqualTo("FAILED");
        assertThat(reservation(order)).isNull();

        jdbc.update("delete from dead_letter_test_refused where order_id = ?", order);
        HttpResponse<String> replayed = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(json.readTree(replayed.body()).get("status").asString()).isEqualTo("REPLAYED");
        assertThat(reservation(order)).isEqualTo("RESERVED");
        assertThat(jdbc.queryForObject("select stock_quantity from products where id = ?", Integer.class, productId))
                .isEqualTo(3);
        JsonNode after =
                json.readTree(get("/internal/dead-letters/" + id, OPERATOR).body());
        assertThat(after.get("status").asString()).isEqualTo("REPLAYED");
        assertThat(after.get("replayAttempts").asInt()).isEqualTo(2);
        assertThat(after.get("resolvedBy").asString()).isEqualTo("operator");

        HttpResponse<String> again = send("POST", "/internal/dead-letters/" + id + "/replay", OPERATOR, null);
        assertProblem(again, 409, "DEAD_LETTER_NOT_PENDING");
        assertProblem(get("/internal/dead-letters/0", OPERATOR), 404, "NOT_FOUND");
    }

    @Test
    void aMalformedCommandIsDeadLetteredAndCanBeDiscarded() throws Exception {
        UUID messageId = UUID.randomUUID();
        // Not a command this service knows: it cannot even be read.
        publish(UUID.randomUUID().toString(), """
                {"message_id": "%s", "type": "stock.teleport", "schema_version": 1, "order_id": "%s"}""".formatted(messageId, UUID.randomUUID()));

        JsonNode letter = awaitDeadLetter(messageId);
        long id = letter.get("id").asLong();
        assertThat(letter.get("eventType").asString()).isEqualTo("stock.teleport");

        HttpResponse<String> discarded = send("POST", "/internal/dead-letters/" + id + "/discard", OPERATOR, null);
        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(json.readTree(discarded.body()).get("status").asString()).isEqualTo("DISCARDED");
        assertThat(json.readTree(get("/internal/dead-letters?status=DISCARDED&limit=500", OPERATOR)
                                .body())
                        .get("items")
                        .valueStream()
                        .map(item -> item.get("id").asLong()))
                .contains(id);
        assertProblem(send("DELETE", "/internal/dead-letters/" + id, OPERATOR, null), 409, "DEAD_LETTER_NOT_PENDING");
    }

    private JsonNode awaitDeadLetter(UUID messageId) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        // 4 attempts 0.5 s, 1 s, 2 s apart, then the dead-letter topic and its recording binding.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> list = get("/internal/dead-letters?limit=500", OPERATOR);
                    assertThat(list.statusCode()).isEqualTo(200);
                    StreamSupport.stream(json.readTree(list.body()).get("items").spliterator(), false)
                            .filter(item -> messageId
                                    .toString()
                                    .equals(item.path("eventId").asString(null)))
                            .findFirst()
                            .ifPresent(found::set);
                    return found.get() != null;
                });
        return found.get();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private String reservation(UUID order) {
        return jdbc
                .queryForList("select status from stock_reservations where order_id = ?", String.class, order)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static void publish(String key, String value) {
        String servers =
                SharedInfrastructure.require(Set.of(Server.KAFKA), null).kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(StockCommand.TOPIC, key, value));
            producer.flush();
        }
    }
}

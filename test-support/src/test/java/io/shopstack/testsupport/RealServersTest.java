package io.shopstack.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Proves each embedded server is the real thing, by using it through its real protocol. */
@WithInfrastructure(
        value = {Server.POSTGRES, Server.KAFKA, Server.REDIS, Server.ZIPKIN},
        database = "proof")
class RealServersTest {

    @Test
    void postgresqlRoundTripsSqlInTheServicesOwnDatabase(EmbeddedInfrastructure infrastructure) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        infrastructure.jdbcUrl("proof"), infrastructure.databaseUser(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS greeting (id serial PRIMARY KEY, text varchar(50) NOT NULL)");
            statement.execute("INSERT INTO greeting (text) VALUES ('hello shopstack')");
            try (ResultSet result = statement.executeQuery(
                    "SELECT text, current_database(), current_setting('server_version_num')::int FROM greeting ORDER BY id DESC LIMIT 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("hello shopstack");
                assertThat(result.getString(2)).isEqualTo("proof");
                assertThat(result.getInt(3)).isGreaterThanOrEqualTo(170000);
            }
        }
    }

    @Test
    void kafkaDeliversWhatIsProducedToAConsumer(EmbeddedInfrastructure infrastructure) throws Exception {
        String topic = "proof-" + UUID.randomUUID();
        String bootstrap = infrastructure.kafkaBootstrapServers();
        RecordMetadata sent;
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            sent = producer.send(new ProducerRecord<>(topic, "product-42", "price changed"))
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(sent.offset()).isZero();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "proof",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("product-42");
                assertThat(record.value()).isEqualTo("price changed");
            });
        }
    }

    @Test
    void redisStoresAndReturnsValues(EmbeddedInfrastructure infrastructure) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + infrastructure.redisPort());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            var redis = connection.sync();
            assertThat(redis.set("proof:key", "value")).isEqualTo("OK");
            assertThat(redis.get("proof:key")).isEqualTo("value");
            assertThat(redis.info("server")).contains("redis_version:");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void zipkinStoresAPostedSpanAndReturnsIt(EmbeddedInfrastructure infrastructure) throws Exception {
        String traceId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        long nowMicros = System.currentTimeMillis() * 1000;
        String span = """
                [{"traceId":"%s","id":"%s","name":"get /api/products","timestamp":%d,"duration":1500,
                  "kind":"SERVER","localEndpoint":{"serviceName":"proof-service"}}]""".formatted(traceId, traceId, nowMicros);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(URI.create(infrastructure.zipkinUrl() + "/api/v2/spans"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(span))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);

        HttpRequest read = HttpRequest.newBuilder(URI.create(infrastructure.zipkinUrl() + "/api/v2/trace/" + traceId))
                .build();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> trace = http.send(read, HttpResponse.BodyHandlers.ofString());
            assertThat(trace.statusCode()).isEqualTo(200);
            assertThat(trace.body()).contains("\"name\":\"get /api/products\"").contains("proof-service");
        });
    }
}

package io.shopstack.cart;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * A plain Kafka producer on the tests' shared broker, for a test class that publishes what another service would
 * (catalog events, bus events): {@code @RegisterExtension static final KafkaTestProducer producer = new ...}. Made on
 * the first send, closed after the class.
 */
final class KafkaTestProducer implements AfterAllCallback {

    private KafkaProducer<String, String> producer;

    synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record) {
        if (producer == null) {
            EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(Set.of(Server.KAFKA), null);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    infrastructure.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG,
                    "all"));
        }
        return producer.send(record);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }
}

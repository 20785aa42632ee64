package io.shopstack.order;

import io.shopstack.events.order.OrderLine;
import io.shopstack.events.order.PricedLine;
import io.shopstack.events.order.StockCommand;
import io.shopstack.events.order.StockReply;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays product-service's side of the saga on the real Kafka (the real one is tested in product-service's
 * StockReservationTest and end to end): answers stock commands from an in-memory stock, every product priced at
 * {@link #PRICE}; can go silent. Records every command it received.
 */
final class StockDouble implements AutoCloseable {

    static final BigDecimal PRICE = new BigDecimal("7.25");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Long, Integer> stock = new ConcurrentHashMap<>();
    final List<StockCommand> received = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread worker;
    private volatile boolean silent;
    private volatile boolean stopped;
    private volatile boolean assigned;

    StockDouble(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "stock-double-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        consumer.subscribe(List.of(StockCommand.TOPIC));
        worker = Thread.ofPlatform().name("stock-double").daemon(true).start(this::loop);
    }

    void stock(long productId, int quantity) {
        stock.put(productId, quantity);
    }

    void silent(boolean silent) {
        this.silent = silent;
    }

    /** Subscribed and assigned its partitions: commands sent from now on are seen. */
    boolean ready() {
        return assigned;
    }

    List<StockCommand.Type> commandsFor(UUID orderId) {
        return received.stream()
                .filter(command -> command.orderId().equals(orderId))
                .map(StockCommand::type)
                .toList();
    }

    private void loop() {
        while (!stopped) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                StockCommand command = json.readValue(record.value(), StockCommand.class);
                received.add(command);
                if (!silent) {
                    answer(command);
                }
            }
            assigned = !consumer.assignment().isEmpty();
        }
    }

    private void answer(StockCommand command) {
        StockReply reply = switch (command.type()) {
            case RESERVE -> reserve(command);
            case CONFIRM -> StockReply.of(StockReply.Type.CONFIRMED, command.orderId(), List.of(), null, null);
            case RELEASE ->
                StockReply.of(
                        StockReply.Type.RELEASED,
                        command.orderId(),
                        List.of(),
                        StockReply.Reason.RELEASE_REQUESTED,
                        null);
        };
        producer.send(
                new ProducerRecord<>(StockReply.TOPIC, command.orderId().toString(), json.writeValueAsString(reply)));
    }

    private StockReply reserve(StockCommand command) {
        for (OrderLine line : command.lines()) {
            if (stock.getOrDefault(line.productId(), 0) < line.quantity()) {
                return StockReply.of(
                        StockReply.Type.REJECTED, command.orderId(), List.of(), StockReply.Reason.OUT_OF_STOCK, null);
            }
        }
        List<PricedLine> priced = new ArrayList<>();
        for (OrderLine line : command.lines()) {
            stock.merge(line.productId(), -line.quantity(), Integer::sum);
            priced.add(new PricedLine(line.productId(), "Product " + line.productId(), line.quantity(), PRICE, "EUR"));
        }
        return StockReply.of(
                StockReply.Type.RESERVED,
                command.orderId(),
                priced,
                null,
                java.time.Instant.now().plusSeconds(600));
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        worker.join(2000);
        consumer.close(Duration.ofSeconds(1));
        producer.close(Duration.ofSeconds(1));
    }
}

package io.shopstack.configtest.democlient;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells when the bus consumer really listens. The bus input binding has an anonymous consumer group that starts at
 * the latest offset, so an event published before its partitions are assigned (and their start offsets resolved) is
 * never seen. The Kafka binder calls this listener on assignment; resolving the positions here closes the gap
 * between "assigned" and "reads from offset N", so every event published after {@link #isSubscribed()} turns true is
 * delivered.
 */
public class BusSubscriptionProbe implements KafkaBindingRebalanceListener {

    private final String topic;

    private final AtomicBoolean subscribed = new AtomicBoolean();

    public BusSubscriptionProbe(String topic) {
        this.topic = topic;
    }

    @Override
    public void onPartitionsAssigned(
            String bindingName, Consumer<?, ?> consumer, Collection<TopicPartition> partitions, boolean initial) {
        List<TopicPartition> bus = partitions.stream()
                .filter(partition -> partition.topic().equals(topic))
                .toList();
        if (!bus.isEmpty()) {
            bus.forEach(consumer::position);
            subscribed.set(true);
        }
    }

    public boolean isSubscribed() {
        return subscribed.get();
    }
}

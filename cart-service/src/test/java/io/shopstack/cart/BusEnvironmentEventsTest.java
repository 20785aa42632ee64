package io.shopstack.cart;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.bus.BusProperties;
import org.springframework.cloud.bus.event.EnvironmentChangeRemoteApplicationEvent;
import org.springframework.cloud.bus.event.PathDestinationFactory;
import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.cloud.bus.event.RemoteApplicationEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud Bus applies refresh events only (issue 13): whoever can write to the bus topic must not set properties
 * on every service. {@code spring.cloud.bus.env.enabled=false} comes from platform-defaults; this test publishes an
 * environment change for {@code cart-service:**} onto the real bus topic, as another service's bus would, and checks
 * that the cart received it and changed nothing (a refresh event sent after it is the barrier: once the cart has
 * handled the refresh, it has handled the environment change before it).
 */
class BusEnvironmentEventsTest extends CartServiceIntegrationTest {

    static final String ORIGIN = "config-server:8888:" + UUID.randomUUID();

    @RegisterExtension
    static final KafkaTestProducer producer = new KafkaTestProducer();

    @Autowired
    BusProperties bus;

    @Autowired
    JsonMapper jsonMapper;

    final List<RemoteApplicationEvent> received = new CopyOnWriteArrayList<>();

    @Test
    void anEnvironmentChangeFromTheBusChangesNoProperty() throws Exception {
        assertThat(bus.isEnabled()).as("the bus runs in this context").isTrue();
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof RemoteApplicationEvent remote) {
                received.add(remote);
            }
        });
        String property = "shopstack.cart.bus-probe-" + UUID.randomUUID();
        // a refresh the cart has handled: its bus consumer is attached (an anonymous group starts at the end)
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    RefreshRemoteApplicationEvent warmUp = refresh();
                    publish(warmUp);
                    return hasReceived(warmUp, Duration.ofSeconds(2));
                });

        EnvironmentChangeRemoteApplicationEvent change = new EnvironmentChangeRemoteApplicationEvent(
                this,
                ORIGIN,
                new PathDestinationFactory().getDestination("cart-service:**"),
                Map.of(property, "set-by-bus"));
        RefreshRemoteApplicationEvent barrier = refresh();
        publish(change);
        publish(barrier);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids().contains(barrier.getId()));
        assertThat(ids()).as("the environment change reached the cart").contains(change.getId());
        assertThat(context.getEnvironment().getProperty(property)).isNull();
    }

    RefreshRemoteApplicationEvent refresh() {
        return new RefreshRemoteApplicationEvent(
                this, ORIGIN, new PathDestinationFactory().getDestination("cart-service:**"));
    }

    /** As another service's bus sends it: JSON with the event's simple class name as {@code type}, one key. */
    void publish(RemoteApplicationEvent event) throws Exception {
        String json = jsonMapper.writeValueAsString(event);
        assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        producer.send(new ProducerRecord<>(bus.getDestination(), "bus-test", json))
                .get();
    }

    boolean hasReceived(RemoteApplicationEvent event, Duration within) {
        try {
            await().atMost(within).until(() -> ids().contains(event.getId()));
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    List<String> ids() {
        return received.stream().map(RemoteApplicationEvent::getId).toList();
    }
}

package io.shopstack.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order of {@code up}'s service starts: config-server, then discovery, then the rest side by side; a service that
 * fails is reported and ends the start. (That the real services come up this way is the end-to-end suite's part.)
 */
@Tag("unit")
class StartSequenceTest {

    private static List<String> names(List<ServiceSpec> services) {
        return services.stream().map(ServiceSpec::name).toList();
    }

    @Test
    void configServerThenDiscoveryThenEverythingElseTogether() {
        List<List<ServiceSpec>> waves = StartSequence.waves(ServiceSpec.ALL);

        assertThat(waves).hasSize(3);
        assertThat(names(waves.get(0))).containsExactly("config-server");
        assertThat(names(waves.get(1))).containsExactly("discovery");
        assertThat(names(waves.get(2)))
                .containsExactly(
                        "auth-server", "product-service", "cart-service", "order-service", "gateway", "observability");
    }

    @Test
    void theServicesOfAWaveStartSideBySideAndAWaveWaitsForTheOneBefore() throws Exception {
        List<List<ServiceSpec>> waves = StartSequence.waves(ServiceSpec.ALL);
        int lastWave = waves.getLast().size();
        CountDownLatch allOfTheLastWaveStarting = new CountDownLatch(lastWave);
        List<String> events = new CopyOnWriteArrayList<>();

        StartSequence.run(waves, service -> {
            events.add("start " + service.name());
            if (waves.getLast().contains(service)) {
                allOfTheLastWaveStarting.countDown();
                // Healthy only once every other service of the wave has begun: one at a time would never get here.
                if (!allOfTheLastWaveStarting.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(service.name() + " started alone");
                }
            }
            events.add("healthy " + service.name());
        });

        assertThat(events.subList(0, 4))
                .containsExactly(
                        "start config-server", "healthy config-server", "start discovery", "healthy discovery");
        assertThat(events).hasSize(2 * ServiceSpec.ALL.size());
        // Every service of the last wave began before any of them was healthy.
        assertThat(events.subList(4, 4 + lastWave)).allMatch(event -> event.startsWith("start "));
    }

    @Test
    void aServiceThatFailsIsReportedItsWaveIsInterruptedAndNoLaterWaveStarts() {
        ServiceSpec config = ServiceSpec.named("config-server").orElseThrow();
        ServiceSpec cart = ServiceSpec.named("cart-service").orElseThrow();
        ServiceSpec gateway = ServiceSpec.named("gateway").orElseThrow();
        ServiceSpec observability = ServiceSpec.named("observability").orElseThrow();
        Set<String> interrupted = ConcurrentHashMap.newKeySet();
        List<String> started = new CopyOnWriteArrayList<>();
        CountDownLatch gatewayStarting = new CountDownLatch(1);

        assertThatThrownBy(() -> StartSequence.run(
                        List.of(List.of(config), List.of(cart, gateway), List.of(observability)), service -> {
                            started.add(service.name());
                            if (service.equals(cart)) {
                                gatewayStarting.await(10, TimeUnit.SECONDS); // fails while the other is starting
                                throw new IllegalStateException("cart-service-1 exited during start-up");
                            }
                            if (service.equals(gateway)) {
                                gatewayStarting.countDown();
                                try {
                                    Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // a start that would take long
                                } catch (InterruptedException e) {
                                    interrupted.add(service.name());
                                    throw e;
                                }
                            }
                        }))
                .isInstanceOfSatisfying(StartSequence.Failure.class, failure -> {
                    assertThat(failure.service()).isEqualTo(cart);
                    assertThat(failure.getMessage()).isEqualTo("cart-service-1 exited during start-up");
                });
        assertThat(interrupted).containsExactly("gateway");
        assertThat(started).doesNotContain("observability");
    }
}

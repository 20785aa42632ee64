package io.shopstack.gateway.loadbalancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.gateway.GatewaySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passive health checking: an instance that refused a connection or answered 503 is left out of load balancing for
 * {@code shopstack.gateway.load-balancer.ejection} (10 s), the time Eureka and the load balancer's cache need to
 * notice a dead instance. Without it a retry may pick the same dead instance again (round robin is shared by all
 * concurrent requests), so a read fails although another instance could answer. If every instance of a service is
 * ejected, none is: the request is tried anyway rather than refused.
 */
public final class FailedInstances {

    private static final Logger log = LoggerFactory.getLogger(FailedInstances.class);

    private final GatewaySettings settings;
    private final Map<String, Long> ejectedUntil = new ConcurrentHashMap<>();
    private final Counter ejections;

    public FailedInstances(GatewaySettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.ejections = Counter.builder("shopstack.gateway.loadbalancer.ejections")
                .description("Instances left out of load balancing after a refused connection or a 503")
                .register(meters);
    }

    /** The instance at this address refused a connection (or could not be reached at all). */
    public void connectionFailed(URI instance) {
        eject(instance, "refused a connection");
    }

    /** The instance at this address answered 503: it is not ready (e.g. its database is unreachable). */
    public void unavailable(URI instance) {
        eject(instance, "answered 503");
    }

    private void eject(URI instance, String why) {
        String key = key(instance.getHost(), instance.getPort());
        long until =
                System.nanoTime() + settings.getLoadBalancer().getEjection().toNanos();
        if (ejectedUntil.put(key, until) == null) {
            ejections.increment();
            log.warn(
                    "Instance {} {}; not load balanced to for {} ms",
                    key,
                    why,
                    settings.getLoadBalancer().getEjection().toMillis());
        }
    }

    /** The instances not ejected, or all of them when every one is. */
    public List<ServiceInstance> available(List<ServiceInstance> instances) {
        if (ejectedUntil.isEmpty()) {
            return instances;
        }
        long now = System.nanoTime();
        ejectedUntil.values().removeIf(until -> until - now <= 0);
        List<ServiceInstance> available = instances.stream()
                .filter(instance -> !ejectedUntil.containsKey(key(instance.getHost(), instance.getPort())))
                .toList();
        return available.isEmpty() ? instances : available;
    }

    private static String key(String host, int port) {
        // Eureka may list "localhost" where the request went to 127.0.0.1: compare loopback as one host.
        String normalised = "localhost".equals(host) || "127.0.0.1".equals(host) ? "loopback" : host;
        return normalised + ":" + port;
    }
}

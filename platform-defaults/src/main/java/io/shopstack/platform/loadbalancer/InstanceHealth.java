package io.shopstack.platform.loadbalancer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Passive health checking (outlier detection) of the instances this service calls, shared by all its load-balanced
 * clients: an instance that refused a connection, could not be reached, or answered 503 (not ready, e.g. its database
 * is unreachable) is left out of load balancing for {@link LoadBalancingProperties#ejection()}; failing again right
 * after that doubles the ejection up to {@link LoadBalancingProperties#maxEjection()}, and an answer that is not a 503
 * forgets the instance's record. Without this a retry may pick the same dead instance again (round robin is shared by
 * all concurrent requests), and an instance Eureka still lists after its host died costs a connect timeout every few
 * requests (docs/multi-host-drills.md).
 *
 * <p>Which instances are tried when some are ejected: those not ejected; if every one is, those that answered (503) over
 * those that could not be reached; if none answered, all of them: a request is tried rather than refused.
 */
public final class InstanceHealth {

    private static final Logger log = LoggerFactory.getLogger(InstanceHealth.class);

    /** What went wrong with an instance; a connection failure is the stronger sign of a dead instance. */
    enum Failure {
        ANSWERED_503,
        UNREACHABLE
    }

    private record Ejection(Failure failure, long untilNanos, long lengthNanos) {}

    private final LoadBalancingProperties properties;
    private final LongSupplier nanoTime;
    private final Map<String, Ejection> ejections = new ConcurrentHashMap<>();
    private final Counter ejected;

    public InstanceHealth(LoadBalancingProperties properties, MeterRegistry meters) {
        this(properties, meters, System::nanoTime);
    }

    InstanceHealth(LoadBalancingProperties properties, MeterRegistry meters, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        this.ejected = Counter.builder("shopstack.loadbalancer.ejections")
                .description("Instances left out of load balancing after a refused or failed connection or a 503")
                .register(meters);
    }

    /** A connection to the instance was refused, timed out, or had no route: nothing was sent. */
    public void unreachable(ServiceInstance instance) {
        eject(instance, Failure.UNREACHABLE);
    }

    /** The instance answered 503: it is not ready (e.g. its database is unreachable). */
    public void unavailable(ServiceInstance instance) {
        eject(instance, Failure.ANSWERED_503);
    }

    /** The instance answered something other than a 503: it is back. */
    public void answered(ServiceInstance instance) {
        if (!ejections.isEmpty()) {
            ejections.remove(key(instance));
        }
    }

    private void eject(ServiceInstance instance, Failure failure) {
        String key = key(instance);
        long now = nanoTime.getAsLong();
        Ejection previous = ejections.get(key);
        if (previous != null && previous.untilNanos - now > 0) {
            // Still ejected (chosen before the ejection, or because every instance is): keep it, remembering the
            // stronger sign of a dead instance.
            if (failure == Failure.UNREACHABLE && previous.failure == Failure.ANSWERED_503) {
                ejections.replace(key, previous, new Ejection(failure, previous.untilNanos, previous.lengthNanos));
            }
            return;
        }
        long length = previous == null
                ? properties.ejection().toNanos()
                : Math.min(previous.lengthNanos * 2, properties.maxEjection().toNanos());
        Ejection next = new Ejection(failure, now + length, length);
        boolean first =
                previous == null ? ejections.putIfAbsent(key, next) == null : ejections.replace(key, previous, next);
        if (first) {
            ejected.increment();
            log.warn(
                    "Instance {} of {} {}; not load balanced to for {} ms",
                    key,
                    instance.getServiceId(),
                    failure == Failure.UNREACHABLE ? "could not be reached" : "answered 503",
                    length / 1_000_000);
        }
    }

    /** The instances to choose from, as described in the class comment. */
    public List<ServiceInstance> choosable(List<ServiceInstance> instances) {
        if (ejections.isEmpty() || instances.isEmpty()) {
            return instances;
        }
        long now = nanoTime.getAsLong();
        // An instance that has not failed for a whole max-ejection after its last ejection starts afresh (and an
        // instance that is gone for good is forgotten).
        long forgetAfter = properties.maxEjection().toNanos();
        ejections.values().removeIf(ejection -> now - ejection.untilNanos > forgetAfter);
        List<ServiceInstance> healthy = new ArrayList<>(instances.size());
        List<ServiceInstance> answering = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            Ejection ejection = ejections.get(key(instance));
            if (ejection == null || ejection.untilNanos - now <= 0) {
                healthy.add(instance);
            } else if (ejection.failure == Failure.ANSWERED_503) {
                answering.add(instance);
            }
        }
        if (!healthy.isEmpty()) {
            return healthy;
        }
        return answering.isEmpty() ? instances : answering;
    }

    static String key(ServiceInstance instance) {
        // Eureka may list "localhost" where another list says 127.0.0.1: compare loopback as one host.
        String host = instance.getHost();
        String normalised = "localhost".equals(host) || "127.0.0.1".equals(host) ? "loopback" : host;
        return normalised + ":" + instance.getPort();
    }
}

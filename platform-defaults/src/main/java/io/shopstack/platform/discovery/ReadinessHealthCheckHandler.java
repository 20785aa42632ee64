package io.shopstack.platform.discovery;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.boot.health.contributor.Status;

import java.util.function.Supplier;

/**
 * The status this instance registers in Eureka follows Boot's {@code readiness} health group: an instance that cannot
 * serve (e.g. its database is unreachable) is DOWN in the registry, so callers' load balancers skip it until it is
 * ready again. The Eureka client asks on every instance-info replication tick and re-registers on a change.
 *
 * <p>UP maps to UP, DOWN and OUT_OF_SERVICE (what Boot's REFUSING_TRAFFIC readiness reports, e.g. while starting) to
 * DOWN, anything else to UNKNOWN; without a readiness group the handler has no opinion. Never OUT_OF_SERVICE: the
 * Eureka server keeps an OUT_OF_SERVICE (or UP) it holds when the instance registers again with another status (its
 * LeaseExistsRule), so a client-reported OUT_OF_SERVICE stuck for good, even after the instance was ready; the
 * multi-host drills saw it (docs/multi-host-drills.md). OUT_OF_SERVICE belongs to operators, on the server ({@code PUT
 * /eureka/apps/{app}/{id}/status?value=OUT_OF_SERVICE}).
 */
public final class ReadinessHealthCheckHandler implements HealthCheckHandler {

    private final Supplier<Status> readiness;

    /** @param readiness the readiness group's status, {@code null} when there is no such group */
    public ReadinessHealthCheckHandler(Supplier<Status> readiness) {
        this.readiness = readiness;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus currentStatus) {
        Status status = readiness.get();
        return status == null ? currentStatus : toInstanceStatus(status);
    }

    static InstanceStatus toInstanceStatus(Status status) {
        if (Status.UP.equals(status)) {
            return InstanceStatus.UP;
        }
        if (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) {
            return InstanceStatus.DOWN;
        }

        return InstanceStatus.UNKNOWN;
    }
}

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
 * <p>UP, DOWN and OUT_OF_SERVICE (also what Boot's REFUSING_TRAFFIC readiness reports) map to themselves, anything
 * else to UNKNOWN. Without a readiness group the handler has no opinion. The handler never keeps a status the client
 * holds: an operator takes an instance out of service on the Eureka server ({@code PUT
 * /eureka/apps/{app}/{id}/status?value=OUT_OF_SERVICE}), which the server keeps over whatever the client reports.
 * (Keeping a client-side OUT_OF_SERVICE "for the operator" left instances out of service for good after their start
 * in the multi-host drills: docs/multi-host-drills.md.)
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
        if (Status.DOWN.equals(status)) {
            return InstanceStatus.DOWN;
        }
        if (Status.OUT_OF_SERVICE.equals(status)) {
            return InstanceStatus.OUT_OF_SERVICE;
        }
        return InstanceStatus.UNKNOWN;
    }
}

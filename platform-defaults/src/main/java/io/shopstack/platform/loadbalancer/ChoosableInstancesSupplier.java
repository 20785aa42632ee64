package io.shopstack.platform.loadbalancer;

import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.netflix.eureka.EurekaServiceInstance;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

/**
 * The instances a load-balanced call may go to, evaluated per call over the discovered (and cached) list:
 * <ol>
 *   <li>the instances Eureka lists as UP (ready); if there is none, those that are DOWN (not ready) or STARTING:
 *       "panic routing" as Envoy calls it. When every instance of a service has lost the same dependency (its
 *       database), each still answers at once with its own 503 problem (DATABASE_UNAVAILABLE, Retry-After) and
 *       answers 200 the moment the dependency is back, seconds before the registry says UP again; refusing the call
 *       in the caller would answer a vaguer 503 and delay the recovery by the registry's propagation
 *       (docs/multi-host-drills.md). OUT_OF_SERVICE (an operator's decision) is never chosen;</li>
 *   <li>of those, the ones {@link InstanceHealth} has not ejected;</li>
 *   <li>of those, on a retry, the ones this request has not failed on yet ({@link FailedAttempts}).</li>
 * </ol>
 * This needs the Eureka client to keep instances of every status ({@code eureka.client.filter-only-up-instances=false},
 * a platform default). Instances from another discovery client (tests' simple discovery) count as UP.
 */
final class ChoosableInstancesSupplier extends DelegatingServiceInstanceListSupplier {

    private final InstanceHealth health;

    ChoosableInstancesSupplier(ServiceInstanceListSupplier delegate, InstanceHealth health) {
        super(delegate);
        this.health = health;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(this::choosable);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return getDelegate().get(request).map(instances -> FailedAttempts.untried(request, choosable(instances)));
    }

    private List<ServiceInstance> choosable(List<ServiceInstance> instances) {
        return health.choosable(readyFirst(instances));
    }

    static List<ServiceInstance> readyFirst(List<ServiceInstance> instances) {
        List<ServiceInstance> up = new ArrayList<>(instances.size());
        List<ServiceInstance> notReady = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            switch (status(instance)) {
                case UP -> up.add(instance);
                case DOWN, STARTING -> notReady.add(instance);
                default -> {} // OUT_OF_SERVICE, UNKNOWN: never chosen
            }
        }
        if (up.size() == instances.size()) {
            return instances;
        }
        return up.isEmpty() ? notReady : up;
    }

    private static InstanceStatus status(ServiceInstance instance) {
        if (instance instanceof EurekaServiceInstance eureka) {
            InstanceStatus status = eureka.getInstanceInfo().getStatus();
            return status == null ? InstanceStatus.UNKNOWN : status;
        }
        return InstanceStatus.UP;
    }
}

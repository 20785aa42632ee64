package io.shopstack.gateway.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

import java.util.List;

/** The discovered (and cached) instances minus those {@link FailedInstances} has ejected, evaluated per request. */
final class AvailableInstancesSupplier extends DelegatingServiceInstanceListSupplier {

    private final FailedInstances failedInstances;

    AvailableInstancesSupplier(ServiceInstanceListSupplier delegate, FailedInstances failedInstances) {
        super(delegate);
        this.failedInstances = failedInstances;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(failedInstances::available);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        return getDelegate().get(request).map(failedInstances::available);
    }
}

package io.shopstack.platform.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instances one request has already failed on, so that its retry goes elsewhere (Spring Cloud LoadBalancer's
 * "avoid previous instance", which its reactive gateway path lacks). Kept in the request's attributes: the gateway's
 * load balancer passes the exchange's attributes, which outlive each attempt of its Retry filter.
 *
 * <p>This covers the failures that are no reason to eject an instance for everyone: a pooled connection the instance
 * closed or reset (it was just killed, or it closed an idle connection at the same moment), a read timeout. Round robin
 * is shared by all concurrent requests, so without this a retry can land on the same instance again, and again: a
 * killed instance's stale connections once failed one read of 224 three times over (e2e ChaosTest, killing one of
 * two cart-service instances).
 */
final class FailedAttempts {

    private static final String ATTRIBUTE = FailedAttempts.class.getName();

    private FailedAttempts() {}

    /** Remembers, for this request, that an attempt on {@code instance} failed. */
    static void record(Request<?> request, ServiceInstance instance) {
        Map<String, Object> attributes = attributes(request);
        if (attributes == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> failed =
                (Set<String>) attributes.computeIfAbsent(ATTRIBUTE, name -> ConcurrentHashMap.<String>newKeySet());
        failed.add(InstanceHealth.key(instance));
    }

    /** The instances this request has not failed on yet; all of them if it failed on every one. */
    static List<ServiceInstance> untried(Request<?> request, List<ServiceInstance> instances) {
        Map<String, Object> attributes = attributes(request);
        if (attributes == null || !(attributes.get(ATTRIBUTE) instanceof Set<?> failed) || failed.isEmpty()) {
            return instances;
        }
        List<ServiceInstance> untried = new ArrayList<>(instances.size());
        for (ServiceInstance instance : instances) {
            if (!failed.contains(InstanceHealth.key(instance))) {
                untried.add(instance);
            }
        }
        return untried.isEmpty() ? instances : untried;
    }

    private static Map<String, Object> attributes(Request<?> request) {
        if (request != null
                && request.getContext() instanceof RequestDataContext context
                && context.getClientRequest() != null) {
            return context.getClientRequest().getAttributes();
        }
        return null;
    }
}

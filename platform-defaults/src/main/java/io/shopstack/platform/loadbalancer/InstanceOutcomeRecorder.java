package io.shopstack.platform.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatus;

/**
 * Tells {@link InstanceHealth} how each load-balanced call ended: called by Spring Cloud LoadBalancer after every
 * attempt, for the gateway's routes and the services' Feign clients alike (a retry is a new attempt, so it sees the
 * ejection the failed one caused).
 */
final class InstanceOutcomeRecorder implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

    private final InstanceHealth health;

    InstanceOutcomeRecorder(InstanceHealth health) {
        this.health = health;
    }

    @Override
    public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
        return ServiceInstance.class.isAssignableFrom(serverTypeClass);
    }

    @Override
    public void onStart(Request<Object> request) {}

    @Override
    public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {}

    @Override
    public void onComplete(CompletionContext<Object, ServiceInstance, Object> completion) {
        Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
        if (chosen == null || !chosen.hasServer()) {
            return;
        }
        ServiceInstance instance = chosen.getServer();
        switch (completion.status()) {
            case FAILED -> {
                FailedAttempts.record(completion.getLoadBalancerRequest(), instance);
                if (ConnectFailures.isConnectFailure(completion.getThrowable())) {
                    health.unreachable(instance);
                }
            }
            case SUCCESS -> {
                if (completion.getClientResponse() instanceof ResponseData response
                        && response.getHttpStatus() != null) {
                    if (response.getHttpStatus().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                        FailedAttempts.record(completion.getLoadBalancerRequest(), instance);
                        health.unavailable(instance);
                    } else {
                        health.answered(instance);
                    }
                }
            }
            default -> {} // DISCARD: no instance was called
        }
    }
}

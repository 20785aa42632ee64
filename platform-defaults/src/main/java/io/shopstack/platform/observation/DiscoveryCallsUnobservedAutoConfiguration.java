package io.shopstack.platform.observation;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * The Eureka client's own HTTP calls (renewal, registry fetch: each every 2 s locally) are not observed: no trace, no
 * {@code http.client.requests} meter. At rest they were nine in ten of all traces sent to Zipkin (3 a second from an
 * idle platform), which cost CPU in every service and in Zipkin and pushed real traces out of its bounded store
 * (docs/performance.md, "At rest"). Eureka's health shows in discovery's own metrics and the services' health.
 * Off with {@code shopstack.observation.discovery-calls=true}.
 */
@AutoConfiguration
@ConditionalOnClass({ObservationPredicate.class, ClientRequestObservationContext.class})
@ConditionalOnProperty(name = "shopstack.observation.discovery-calls", havingValue = "false", matchIfMissing = true)
public class DiscoveryCallsUnobservedAutoConfiguration {

    @Bean
    ObservationPredicate discoveryCallsUnobserved() {
        return (name, context) ->
                !(context instanceof ClientRequestObservationContext client && isDiscoveryCall(client.getCarrier()));
    }

    /** Eureka's REST API: {@code <service-url>/apps/...}, the service URL ending in {@code /eureka/}. */
    static boolean isDiscoveryCall(ClientHttpRequest request) {
        if (request == null || request.getURI().getRawPath() == null) {
            return false;
        }
        return request.getURI().getRawPath().contains("/eureka/");
    }
}

package io.shopstack.gateway.loadbalancer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ConnectTimeoutException;
import io.shopstack.gateway.GatewaySettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

@Tag("unit")
class ConnectionFailureRecorderTest {

    @Test
    void refusedTimedOutAndUnroutableConnectionsEjectTheInstance() {
        assertThat(ConnectionFailureRecorder.isConnectFailure(new ConnectException("refused")))
                .isTrue();
        assertThat(ConnectionFailureRecorder.isConnectFailure(new ConnectTimeoutException("timed out")))
                .isTrue();
        // A host that is gone: the multi-host drill saw these ("No route to host"), not refusals.
        assertThat(ConnectionFailureRecorder.isConnectFailure(
                        new IOException("wrapped", new NoRouteToHostException("No route to host"))))
                .isTrue();
    }

    @Test
    void anInstanceThatAnswered503IsLeftOutUntilItsEjectionEnds() {
        FailedInstances failed = new FailedInstances(new GatewaySettings(), new SimpleMeterRegistry());
        ConnectionFailureRecorder recorder = new ConnectionFailureRecorder(failed);
        ServiceInstance notReady = new DefaultServiceInstance("a", "cart-service", "10.77.0.31", 8003, false);
        ServiceInstance ready = new DefaultServiceInstance("b", "cart-service", "10.77.0.32", 8003, false);

        recorder.filter(exchangeRoutedTo(notReady), answering(HttpStatus.OK)).block();
        assertThat(failed.available(List.of(notReady, ready))).containsExactly(notReady, ready);

        // A write that reached the not-ready instance fails; the next one goes elsewhere.
        recorder.filter(exchangeRoutedTo(notReady), answering(HttpStatus.SERVICE_UNAVAILABLE))
                .block();
        assertThat(failed.available(List.of(notReady, ready))).containsExactly(ready);
    }

    private static MockServerWebExchange exchangeRoutedTo(ServiceInstance instance) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/cart/items"));
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, URI.create(instance.getUri() + "/api/v1/cart/items"));
        return exchange;
    }

    private static GatewayFilterChain answering(HttpStatus status) {
        return exchange -> {
            exchange.getResponse().setStatusCode(status);
            return Mono.empty();
        };
    }

    @Test
    void failuresAfterTheConnectionWasMadeDoNot() {
        assertThat(ConnectionFailureRecorder.isConnectFailure(new IOException("Connection reset by peer")))
                .isFalse();
        assertThat(ConnectionFailureRecorder.isConnectFailure(new TimeoutException("response timeout")))
                .isFalse();
    }
}

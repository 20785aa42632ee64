package io.shopstack.platform.loadbalancer;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.CompletionContext.Status;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.netflix.eureka.EurekaServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class InstanceHealthTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InstanceHealth health = new InstanceHealth(
            new LoadBalancingProperties(Duration.ofSeconds(10), Duration.ofSeconds(80)), meters, now::get);
    private final InstanceOutcomeRecorder recorder = new InstanceOutcomeRecorder(health);

    private final ServiceInstance app1 = instance("10.77.0.31");
    private final ServiceInstance app2 = instance("10.77.0.32");

    @Test
    void refusedTimedOutAndUnroutableConnectionsAreConnectFailures() {
        assertThat(ConnectFailures.isConnectFailure(new ConnectException("refused")))
                .isTrue();
        // A host that is gone: the multi-host drill saw these ("No route to host"), not refusals.
        assertThat(ConnectFailures.isConnectFailure(
                        new IOException("wrapped", new NoRouteToHostException("No route to host"))))
                .isTrue();
        // Connect timeouts as the blocking clients report them (the multi-host drill's stopped host: Feign's default
        // client said "Connect timed out").
        assertThat(ConnectFailures.isConnectFailure(new IOException(new SocketTimeoutException("Connect timed out"))))
                .isTrue();
        assertThat(ConnectFailures.isConnectFailure(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isTrue();
        // Failures after the connection was made are not: the request may have been processed.
        assertThat(ConnectFailures.isConnectFailure(new IOException("Connection reset by peer")))
                .isFalse();
        assertThat(ConnectFailures.isConnectFailure(new SocketTimeoutException("Read timed out")))
                .isFalse();
        assertThat(ConnectFailures.isConnectFailure(new TimeoutException("response timeout")))
                .isFalse();
    }

    @Test
    void anInstanceThatCouldNotBeReachedIsLeftOutUntilItsEjectionEnds() {
        recorder.onComplete(failed(app1, new ConnectException("Connection refused")));
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app2);

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app1, app2);
        assertThat(meters.get("shopstack.loadbalancer.ejections").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void failingAgainRightAfterAnEjectionDoublesTheNextUpToTheMaximum() {
        long[] expectedSeconds = {10, 20, 40, 80, 80};
        for (long seconds : expectedSeconds) {
            recorder.onComplete(failed(app1, new ConnectException("connect timed out")));
            now.addAndGet(Duration.ofSeconds(seconds).toNanos() - 1);
            assertThat(health.choosable(List.of(app1, app2)))
                    .as("%d s", seconds)
                    .containsExactly(app2);
            now.addAndGet(1);
            assertThat(health.choosable(List.of(app1, app2))).containsExactly(app1, app2);
        }
    }

    @Test
    void anAnswerOtherThan503EndsTheInstancesRecord() {
        recorder.onComplete(failed(app1, new ConnectException("refused")));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        recorder.onComplete(answered(app1, HttpStatus.NOT_FOUND));
        recorder.onComplete(failed(app1, new ConnectException("refused")));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        // 10 s again, not 20 s: the 404 showed the instance was back.
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app1, app2);
    }

    @Test
    void a503EjectsButFailuresAfterTheConnectionWasMadeDoNot() {
        recorder.onComplete(failed(app1, new IOException("Connection reset by peer")));
        recorder.onComplete(answered(app1, HttpStatus.INTERNAL_SERVER_ERROR));
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app1, app2);

        recorder.onComplete(answered(app1, HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app2);
    }

    @Test
    void whenEveryInstanceIsEjectedThoseThatAnsweredAreTriedBeforeThoseThatCouldNotBeReached() {
        // app2 answers 503 because something behind it fails; app1's host is gone.
        recorder.onComplete(answered(app2, HttpStatus.SERVICE_UNAVAILABLE));
        recorder.onComplete(failed(app1, new NoRouteToHostException("No route to host")));
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app2);

        recorder.onComplete(failed(app2, new ConnectException("refused")));
        // Nobody answers: try them all rather than refuse the request.
        assertThat(health.choosable(List.of(app1, app2))).containsExactly(app1, app2);
    }

    @Test
    void readyInstancesFirstThenNotReadyOnesNeverOutOfService() {
        ServiceInstance up = eureka("10.77.0.31", InstanceStatus.UP);
        ServiceInstance down = eureka("10.77.0.32", InstanceStatus.DOWN);
        ServiceInstance starting = eureka("10.77.0.33", InstanceStatus.STARTING);
        ServiceInstance outOfService = eureka("10.77.0.34", InstanceStatus.OUT_OF_SERVICE);

        assertThat(ChoosableInstancesSupplier.readyFirst(List.of(down, up, outOfService, starting)))
                .containsExactly(up);
        // Every instance not ready (their shared database is gone): call them, they answer their own 503.
        assertThat(ChoosableInstancesSupplier.readyFirst(List.of(down, outOfService, starting)))
                .containsExactly(down, starting);
        assertThat(ChoosableInstancesSupplier.readyFirst(List.of(outOfService))).isEmpty();
        // Instances of another discovery client count as ready.
        assertThat(ChoosableInstancesSupplier.readyFirst(List.of(app1, down))).containsExactly(app1);
    }

    @Test
    void aRetryAvoidsTheInstancesItsRequestFailedOnWithoutEjectingThemForOthers() {
        // A killed instance's pooled connections fail "prematurely closed" / "reset": no reason to eject it for every
        // caller (an idle connection closed at the wrong moment looks the same), but this request's retry must go
        // elsewhere (the chaos test's one failed read of 224: three attempts, all on the killed instance).
        var supplier = new ChoosableInstancesSupplier(new FixedInstances(List.of(app1, app2)), health);
        DefaultRequest<Object> request = gatewayRequest();
        DefaultRequest<Object> another = gatewayRequest();

        recorder.onComplete(new CompletionContext<>(
                Status.FAILED,
                new IOException("Connection prematurely closed BEFORE response"),
                request,
                new DefaultResponse(app2)));

        assertThat(supplier.get(request).blockFirst()).containsExactly(app1);
        assertThat(supplier.get(another).blockFirst()).containsExactly(app1, app2);
        // Failed on every instance: all are tried again rather than none.
        recorder.onComplete(new CompletionContext<>(
                Status.FAILED, new IOException("Connection reset by peer"), request, new DefaultResponse(app1)));
        assertThat(supplier.get(request).blockFirst()).containsExactly(app1, app2);
    }

    private static DefaultRequest<Object> gatewayRequest() {
        // As the gateway's load balancer filter makes it: the exchange's (mutable) attributes, shared by every attempt.
        return new DefaultRequest<>(new RequestDataContext(new RequestData(
                HttpMethod.GET,
                URI.create("http://cart-service/api/v1/cart"),
                new HttpHeaders(),
                new LinkedMultiValueMap<>(),
                new HashMap<>())));
    }

    private record FixedInstances(List<ServiceInstance> instances) implements ServiceInstanceListSupplier {
        @Override
        public String getServiceId() {
            return "cart-service";
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(instances);
        }
    }

    private static ServiceInstance instance(String host) {
        return new DefaultServiceInstance(host + ":8003", "cart-service", host, 8003, false);
    }

    private static ServiceInstance eureka(String host, InstanceStatus status) {
        return new EurekaServiceInstance(InstanceInfo.Builder.newBuilder()
                .setAppName("cart-service")
                .setInstanceId(host + ":cart-service:8003")
                .setHostName(host)
                .setIPAddr(host)
                .setPort(8003)
                .setStatus(status)
                .build());
    }

    private static CompletionContext<Object, ServiceInstance, Object> failed(ServiceInstance to, Throwable error) {
        return new CompletionContext<>(Status.FAILED, error, new DefaultRequest<>(), new DefaultResponse(to));
    }

    private static CompletionContext<Object, ServiceInstance, Object> answered(ServiceInstance by, HttpStatus status) {
        return new CompletionContext<>(
                Status.SUCCESS,
                new DefaultRequest<>(),
                new DefaultResponse(by),
                new ResponseData(status, new HttpHeaders(), null, null));
    }
}

package io.shopstack.cart.catalog;

import feign.Request;
import feign.RetryableException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class NextInstanceRetryerTest {

    private static final Request GET = Request.create(
            Request.HttpMethod.GET,
            "http://product-service/api/products/1",
            Map.of(),
            null,
            StandardCharsets.UTF_8,
            null);

    @Test
    void aFailedConnectionOrA503IsTriedOnceMore() {
        for (RetryableException failure : new RetryableException[] {
            new RetryableException(
                    -1, "Connection refused", GET.httpMethod(), new ConnectException("refused"), (Long) null, GET),
            new RetryableException(
                    -1,
                    "Connect timed out",
                    GET.httpMethod(),
                    new SocketTimeoutException("Connect timed out"),
                    (Long) null,
                    GET),
            new RetryableException(503, "Service Unavailable", GET.httpMethod(), (Long) 2000L, GET)
        }) {
            NextInstanceRetryer retryer = new NextInstanceRetryer();
            assertThatCode(() -> retryer.continueOrPropagate(failure)).doesNotThrowAnyException();
            assertThatThrownBy(() -> retryer.continueOrPropagate(failure)).isSameAs(failure);
            // A fresh retryer per call (Feign clones it): the next call may retry again.
            assertThatCode(() -> retryer.clone().continueOrPropagate(failure)).doesNotThrowAnyException();
        }
    }

    @Test
    void aReadTimeoutIsNotRetried() {
        RetryableException slow = new RetryableException(
                -1, "Read timed out", GET.httpMethod(), new SocketTimeoutException("Read timed out"), (Long) null, GET);
        assertThatThrownBy(() -> new NextInstanceRetryer().continueOrPropagate(slow))
                .isSameAs(slow);
    }
}

package io.shopstack.gateway.loadbalancer;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

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
    void failuresAfterTheConnectionWasMadeDoNot() {
        assertThat(ConnectionFailureRecorder.isConnectFailure(new IOException("Connection reset by peer")))
                .isFalse();
        assertThat(ConnectionFailureRecorder.isConnectFailure(new TimeoutException("response timeout")))
                .isFalse();
    }
}

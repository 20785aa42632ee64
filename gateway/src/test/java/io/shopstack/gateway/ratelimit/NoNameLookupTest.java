package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.GatewaySettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names in X-Forwarded-For (or the configuration) are never looked up: the JVM's resolver records every lookup
 * ({@link RecordingNameResolverProvider}), and none happens for them.
 */
@Tag("unit")
class NoNameLookupTest {

    @Test
    void theRecorderSeesLookups() {
        RecordingNameResolverProvider.clear();

        assertThatThrownBy(() -> InetAddress.getByName("recorder-check.invalid"))
                .isInstanceOf(UnknownHostException.class);

        assertThat(RecordingNameResolverProvider.lookups()).contains("recorder-check.invalid");
    }

    @Test
    void aNameInXForwardedForIsNeverLookedUp() {
        GatewaySettings settings = new GatewaySettings();
        settings.setTrustedProxies(List.of("198.51.100.0/24"));
        var resolver = new UserOrClientIpKeyResolver(settings);
        RecordingNameResolverProvider.clear();

        for (String forwardedFor : List.of(
                "attacker-chosen.example",
                "203.0.113.7, attacker-chosen.example",
                "attacker-chosen.example:443",
                "[attacker-chosen.example]")) {
            var request = MockServerHttpRequest.get("/login")
                    .remoteAddress(new InetSocketAddress(ip("198.51.100.1"), 40000))
                    .header("X-Forwarded-For", forwardedFor)
                    .build();

            assertThat(resolver.resolve(MockServerWebExchange.from(request)).block())
                    .as(forwardedFor)
                    .isEqualTo("ip:198.51.100.1");
        }
        // (other lookups, e.g. a Redis client of an earlier test's context reconnecting to localhost, may run
        // meanwhile)
        assertThat(RecordingNameResolverProvider.lookups()).noneMatch(name -> name.contains("attacker-chosen"));
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(IpAddresses.parseLiteral(literal));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

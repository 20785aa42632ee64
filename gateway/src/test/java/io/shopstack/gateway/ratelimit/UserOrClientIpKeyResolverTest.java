package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.GatewaySettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.net.InetSocketAddress;
import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class UserOrClientIpKeyResolverTest {

    private final GatewaySettings settings = new GatewaySettings();
    private final UserOrClientIpKeyResolver resolver = new UserOrClientIpKeyResolver(settings);

    @Test
    void anAuthenticatedRequestIsKeyedByTheTokensSubject() {
        Jwt jwt =
                Jwt.withTokenValue("t").header("alg", "RS256").subject("alice").build();

        assertThat(resolver.resolve(
                                exchange(new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES, "alice"), null))
                        .block())
                .isEqualTo("user:alice");
    }

    @Test
    void anAnonymousRequestIsKeyedByThePeerAddressWhateverXForwardedForSays() {
        var anonymous = new AnonymousAuthenticationToken(
                "k", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

        assertThat(resolver.resolve(exchange(null, "203.0.113.7")).block()).isEqualTo("ip:198.51.100.1");
        assertThat(resolver.resolve(exchange(anonymous, "203.0.113.7")).block()).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void behindTrustedProxiesTheClientIsTakenFromXForwardedFor() {
        settings.setTrustedProxies(1);

        // the client may prepend anything; only the address the trusted proxy appended counts
        assertThat(resolver.resolve(exchange(null, "10.9.9.9, 203.0.113.7")).block())
                .isEqualTo("ip:203.0.113.7");
    }

    private static MockServerWebExchange exchange(Principal principal, String forwardedFor) {
        var request =
                MockServerHttpRequest.get("/api/products").remoteAddress(new InetSocketAddress("198.51.100.1", 40000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        var builder = MockServerWebExchange.builder(request.build());
        if (principal != null) {
            builder.principal(principal);
        }
        return builder.build();
    }
}

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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Principal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class UserOrClientIpKeyResolverTest {

    private final GatewaySettings settings = new GatewaySettings();
    private final UserOrClientIpKeyResolver resolver = new UserOrClientIpKeyResolver(settings);

    @Test
    void anAuthenticatedApiRequestIsKeyedByTheTokensSubject() {
        assertThat(key("/api/v1/cart", jwt("alice"), null)).isEqualTo("user:alice");
        // no subject can smuggle in a bucket separator
        assertThat(key("/api/v1/cart", jwt("ali ce"), null)).isEqualTo("user:ali+ce");
    }

    @Test
    void theIssuersRoutesAreKeyedByClientIpWhateverTokenComesAlong() {
        for (String path :
                List.of("/login", "/oauth2/token", "/oauth2/authorize", "/userinfo", "/.well-known/jwks.json")) {
            assertThat(key(path, jwt("alice-" + path), null)).as(path).isEqualTo("ip:198.51.100.1");
        }
    }

    @Test
    void anAnonymousRequestIsKeyedByThePeerAddressWhateverXForwardedForSays() {
        var anonymous = new AnonymousAuthenticationToken(
                "k", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

        assertThat(key("/api/products", null, "203.0.113.7")).isEqualTo("ip:198.51.100.1");
        assertThat(key("/api/products", anonymous, "203.0.113.7")).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void behindATrustedProxyTheClientIsTakenFromXForwardedFor() {
        settings.setTrustedProxies(List.of("198.51.100.0/24"));

        // the client may prepend anything; only the address the trusted proxy appended counts
        assertThat(key("/api/products", null, "10.9.9.9, 203.0.113.7")).isEqualTo("ip:203.0.113.7");
        assertThat(key("/login", jwt("alice"), "10.9.9.9, 203.0.113.7")).isEqualTo("ip:203.0.113.7");
        assertThat(key("/login", null, "2001:db8:1:2::99")).isEqualTo("ip:2001:db8:1:2::/64");
        assertThat(key("/login", null, "a-name.example")).isEqualTo("ip:198.51.100.1");
    }

    @Test
    void anIpv6PeerIsKeyedByItsSlash64() {
        assertThat(resolver.resolve(exchange("/api/products", null, null, "2001:db8:5:6:1:2:3:4"))
                        .block())
                .isEqualTo("ip:2001:db8:5:6::/64");
        assertThat(resolver.resolve(exchange("/api/products", null, null, "2001:db8:5:6:ffff::1"))
                        .block())
                .isEqualTo("ip:2001:db8:5:6::/64");
    }

    @Test
    void aLoginIsChargedToTheClientIpAndToEachUsernameFound() {
        var exchange = exchange("/login", jwt("mallory"), null, "198.51.100.1");
        exchange.getAttributes().put(LoginFormFilter.USERNAMES, List.of("alice"));
        String key = resolver.resolve(exchange).block();

        String[] buckets = key.split(UserOrClientIpKeyResolver.BUCKET_SEPARATOR);

        assertThat(buckets).hasSize(2);
        assertThat(buckets[0]).isEqualTo("ip:198.51.100.1");
        assertThat(buckets[1]).matches("login:[0-9a-f]{32}").doesNotContain("alice");

        var again = exchange("/login", null, null, "203.0.113.50");
        again.getAttributes().put(LoginFormFilter.USERNAMES, List.of("alice"));
        assertThat(resolver.resolve(again).block().split(UserOrClientIpKeyResolver.BUCKET_SEPARATOR)[1])
                .as("one bucket per username, whatever the address")
                .isEqualTo(buckets[1]);
    }

    private String key(String path, Principal principal, String forwardedFor) {
        return resolver.resolve(exchange(path, principal, forwardedFor, "198.51.100.1"))
                .block();
    }

    private static JwtAuthenticationToken jwt(String subject) {
        Jwt jwt =
                Jwt.withTokenValue("t").header("alg", "RS256").subject(subject).build();
        return new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES, subject);
    }

    private static MockServerWebExchange exchange(String path, Principal principal, String forwardedFor, String peer) {
        InetAddress address;
        try {
            address = InetAddress.getByAddress(IpAddresses.parseLiteral(peer));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        var request = MockServerHttpRequest.post(path).remoteAddress(new InetSocketAddress(address, 40000));
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

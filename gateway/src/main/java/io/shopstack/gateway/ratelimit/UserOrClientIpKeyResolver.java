package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.GatewaySettings;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Who a request is, for the rate limiter (one token bucket per route and key):
 * <ul>
 *   <li>{@code user:<sub>}: a request to the API ({@code /api/**}) with a valid token, or from the storefront's
 *       signed-in session (the same subject: one bucket per user either way);</li>
 *   <li>{@code ip:<client>} otherwise, and always on the issuer's routes ({@code /login}, {@code /oauth2/**}, ...),
 *       whatever token comes along: there the limit is the brake on guessing, and a key the caller could vary (any
 *       token's subject) would take it off. The client is the TCP peer, or, when the peer is a trusted proxy
 *       ({@code shopstack.gateway.trusted-proxies}), what {@code X-Forwarded-For} says (see {@link TrustedProxies});
 *       an IPv4 address is its own key, an IPv6 address is keyed by its /64;</li>
 *   <li>a password login ({@code POST /login}) is charged twice, to the client's bucket and to
 *       {@code login:<hash of the username>} (see {@link LoginFormFilter}); both must allow it.</li>
 * </ul>
 * Several buckets travel to {@link RedisTokenBucketRateLimiter} as one key, separated by {@link #BUCKET_SEPARATOR};
 * no bucket name contains it (subjects are URL-encoded, addresses and hashes have no space). Nothing here resolves a
 * name: addresses are parsed as literals only.
 */
public class UserOrClientIpKeyResolver implements KeyResolver {

    /** Separates the buckets of one request in the key handed to the limiter. */
    public static final String BUCKET_SEPARATOR = " ";

    private static final String X_FORWARDED_FOR = "X-Forwarded-For";

    /** Where a token's subject may be the key: the API. Everything else (the issuer's routes above all) is by IP. */
    private static final PathPattern SUBJECT_KEYED = PathPatternParser.defaultInstance.parse("/api/**");

    private final GatewaySettings settings;

    public UserOrClientIpKeyResolver(GatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        List<String> usernames = exchange.getAttributeOrDefault(LoginFormFilter.USERNAMES, List.of());
        if (!usernames.isEmpty()) {
            List<String> buckets = new ArrayList<>();
            buckets.add(clientIpKey(exchange));
            usernames.forEach(username -> buckets.add("login:" + sha256(username)));
            return Mono.just(String.join(BUCKET_SEPARATOR, buckets));
        }
        if (!SUBJECT_KEYED.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return Mono.fromSupplier(() -> clientIpKey(exchange));
        }
        return exchange.getPrincipal()
                .filter(principal ->
                        (principal instanceof JwtAuthenticationToken || principal instanceof OAuth2AuthenticationToken)
                                && ((Authentication) principal).isAuthenticated())
                .map(principal ->
                        "user:" + URLEncoder.encode(((Authentication) principal).getName(), StandardCharsets.UTF_8))
                .switchIfEmpty(Mono.fromSupplier(() -> clientIpKey(exchange)));
    }

    String clientIpKey(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress peerAddress = peer == null ? null : peer.getAddress();
        if (peerAddress == null) {
            return "ip:unknown";
        }
        byte[] client = settings.trustedProxyBlocks()
                .clientAddress(peerAddress.getAddress(), request.getHeaders().getOrEmpty(X_FORWARDED_FOR));
        return "ip:" + IpAddresses.clientKey(client);
    }

    /** Usernames are personal data: the bucket's name in Redis carries a hash, not the name. */
    private static String sha256(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

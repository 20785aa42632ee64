package io.shopstack.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens this service has already verified (signature, issuer, time), by their exact text, so that a client
 * sending the same token again is not verified again: a JWT's decode (JSON parse, RSA signature) was a measurable part
 * of each request's CPU in the gateway and again in the service behind it (docs/performance.md, "Gateway").
 *
 * <p>Only what the decoder accepted is kept, so nothing here accepts a token the decoder would refuse:
 * <ul>
 *   <li>an entry ends at the token's {@code exp} (stricter than the decoder, which allows clock skew) or after
 *       {@link VerifiedTokenCacheProperties#ttl()}, whichever comes first, and is checked against the clock again on
 *       each hit;</li>
 *   <li>the ttl bounds how long a token signed with a key that was just withdrawn from the issuer's key set is still
 *       accepted (tokens cannot be revoked otherwise here: they are stateless until they expire);</li>
 *   <li>the size is bounded; only tokens that verified can get in, so a caller cannot fill it with garbage.</li>
 * </ul>
 */
final class VerifiedTokens {

    private final Cache<String, Jwt> tokens;
    private final Clock clock;

    VerifiedTokens(VerifiedTokenCacheProperties properties, Clock clock, Ticker ticker) {
        this.clock = clock;
        long ttlNanos = properties.ttl().toNanos();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(properties.maxSize())
                .ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> {
                    Instant expiresAt = jwt.getExpiresAt();
                    if (expiresAt == null) {
                        return Duration.ofNanos(ttlNanos);
                    }
                    long untilExpiry =
                            Duration.between(clock.instant(), expiresAt).toNanos();
                    return Duration.ofNanos(Math.max(0, Math.min(ttlNanos, untilExpiry)));
                }))
                .build();
    }

    /** The verified token, or null: never seen, evicted, or expired by now. */
    Jwt verified(String token) {
        Jwt jwt = tokens.getIfPresent(token);
        if (jwt == null) {
            return null;
        }
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            tokens.invalidate(token);
            return null;
        }
        return jwt;
    }

    /** Remembers a token the decoder has just accepted. */
    void remember(String token, Jwt jwt) {
        tokens.put(token, jwt);
    }

    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }
}

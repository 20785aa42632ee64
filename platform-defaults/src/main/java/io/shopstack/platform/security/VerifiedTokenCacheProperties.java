package io.shopstack.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The cache of verified bearer tokens ({@link VerifiedTokens}).
 *
 * @param enabled whether decoded tokens are kept at all (off: every request's token is verified)
 * @param ttl     the longest a verified token is kept (never past its {@code exp}): how long a token signed with a
 *               withdrawn key is still accepted
 * @param maxSize the most tokens kept (about 2 KB each)
 */
@ConfigurationProperties("shopstack.security.verified-tokens")
public record VerifiedTokenCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration ttl,
        @DefaultValue("10000") long maxSize) {}

package io.shopstack.platform.security;

import io.shopstack.platform.security.VerifiedTokenCacheAutoConfiguration.CachingJwtDecoder;
import io.shopstack.platform.security.VerifiedTokenCacheAutoConfiguration.CachingReactiveJwtDecoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens = new VerifiedTokens(
            new VerifiedTokenCacheProperties(true, Duration.ofSeconds(60), 100), clock(), nanos::get);

    /** The real decoder's part: every call verifies (counted); "bad" tokens are refused. */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (token.startsWith("bad")) {
            throw new BadJwtException("An error occurred while attempting to decode the Jwt: Signature invalid");
        }
        return jwt(token, now().plusSeconds(token.startsWith("short") ? 10 : 300));
    };

    @Test
    void aTokenThatVerifiedIsNotVerifiedAgain() {
        JwtDecoder decoder = new CachingJwtDecoder(verifier, tokens);

        Jwt first = decoder.decode("alice-token");
        Jwt second = decoder.decode("alice-token");
        decoder.decode("bob-token");

        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverKept() {
        JwtDecoder decoder = new CachingJwtDecoder(verifier, tokens);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("bad-token")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aKeptTokenEndsAtItsExpiryAndAfterTheTtlWhicheverComesFirst() {
        JwtDecoder decoder = new CachingJwtDecoder(verifier, tokens);
        decoder.decode("short-lived"); // exp in 10 s
        decoder.decode("long-lived"); // exp in 300 s, kept at most 60 s

        advance(Duration.ofSeconds(9));
        decoder.decode("short-lived");
        decoder.decode("long-lived");
        assertThat(verifications).as("both served from the cache").hasValue(2);

        advance(Duration.ofSeconds(1)); // short-lived's exp: verified again (the decoder decides about clock skew)
        decoder.decode("short-lived");
        assertThat(verifications).hasValue(3);

        advance(Duration.ofSeconds(50)); // 60 s after long-lived was verified
        decoder.decode("long-lived");
        assertThat(verifications).hasValue(4);
    }

    @Test
    void theReactiveDecoderKeepsWhatVerifiedToo() {
        ReactiveJwtDecoder reactiveVerifier = token -> Mono.fromCallable(() -> verifier.decode(token));
        ReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(reactiveVerifier, tokens);

        Jwt first = decoder.decode("alice-token").block();
        assertThat(decoder.decode("alice-token").block()).isSameAs(first);
        assertThatThrownBy(() -> decoder.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-token").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }

    @Test
    void theServicesDecoderIsWrappedUnlessTurnedOff() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(VerifiedTokenCacheAutoConfiguration.class))
                .withBean(JwtDecoder.class, () -> verifier)
                .withBean(ReactiveJwtDecoder.class, () -> token -> Mono.empty());
        runner.run(context -> {
            assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(CachingJwtDecoder.class);
            assertThat(context.getBean(ReactiveJwtDecoder.class)).isInstanceOf(CachingReactiveJwtDecoder.class);
        });
        runner.withPropertyValues("shopstack.security.verified-tokens.enabled=false")
                .run(context -> assertThat(context.getBean(JwtDecoder.class)).isSameAs(verifier));
    }

    private Instant now() {
        return START.plusNanos(nanos.get());
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }

    private Jwt jwt(String token, Instant expiresAt) {
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(now())
                .expiresAt(expiresAt)
                .build();
    }
}

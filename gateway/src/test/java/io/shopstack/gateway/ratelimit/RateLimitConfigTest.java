package io.shopstack.gateway.ratelimit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class RateLimitConfigTest {

    @Test
    void retryAfterIsTheWholeSecondsUntilOneRequestFitsAgain() {
        var config =
                new RedisTokenBucketRateLimiter.Config().setReplenishRate(10).setBurstCapacity(20);
        assertThat(RedisTokenBucketRateLimiter.retryAfterSeconds(config, 0)).isEqualTo(1);

        var slow = new RedisTokenBucketRateLimiter.Config()
                .setReplenishRate(0.25)
                .setBurstCapacity(5)
                .setRequestedTokens(2);
        assertThat(RedisTokenBucketRateLimiter.retryAfterSeconds(slow, 1)).isEqualTo(4);
        assertThat(RedisTokenBucketRateLimiter.retryAfterSeconds(slow, 0)).isEqualTo(8);
    }

    @Test
    void headersOnADeniedRequestIncludeRetryAfter() {
        var config =
                new RedisTokenBucketRateLimiter.Config().setReplenishRate(2).setBurstCapacity(4);

        assertThat(RedisTokenBucketRateLimiter.headers(config, 0, false))
                .containsEntry("X-RateLimit-Remaining", "0")
                .containsEntry("X-RateLimit-Replenish-Rate", "2")
                .containsEntry("X-RateLimit-Burst-Capacity", "4")
                .containsEntry("X-RateLimit-Requested-Tokens", "1")
                .containsEntry("Retry-After", "1");
        assertThat(RedisTokenBucketRateLimiter.headers(config, 3, true)).doesNotContainKey("Retry-After");
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThatThrownBy(() -> new RedisTokenBucketRateLimiter.Config()
                        .setBurstCapacity(5)
                        .validate())
                .hasMessageContaining("replenish-rate");
        assertThatThrownBy(() -> new RedisTokenBucketRateLimiter.Config()
                        .setReplenishRate(10)
                        .setBurstCapacity(5)
                        .validate())
                .hasMessageContaining("burst-capacity");
        assertThatThrownBy(() -> new RedisTokenBucketRateLimiter.Config()
                        .setReplenishRate(1)
                        .setBurstCapacity(5)
                        .setRedisDown("maybe")
                        .validate())
                .hasMessageContaining("fail-open or fail-closed");
    }

    @Test
    void redisDownPoliciesParseLeniently() {
        assertThat(RedisDownPolicy.parse("fail-open")).isEqualTo(RedisDownPolicy.FAIL_OPEN);
        assertThat(RedisDownPolicy.parse("FAIL_CLOSED")).isEqualTo(RedisDownPolicy.FAIL_CLOSED);
        assertThat(RedisDownPolicy.parse(" closed ")).isEqualTo(RedisDownPolicy.FAIL_CLOSED);
    }
}

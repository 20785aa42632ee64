package io.shopstack.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.gateway.filter.BodylessErrorsAsProblemsFilter;
import io.shopstack.gateway.filter.DownstreamPathGuardFilter;
import io.shopstack.gateway.filter.RequestBodyLimitFilter;
import io.shopstack.gateway.ratelimit.LoginFormFilter;
import io.shopstack.gateway.ratelimit.RedisTokenBucketRateLimiter;
import io.shopstack.gateway.ratelimit.UserOrClientIpKeyResolver;
import io.shopstack.gateway.web.FallbackHandler;
import io.shopstack.gateway.web.NotRoutedPathsWebFilter;
import io.shopstack.gateway.web.RequestIdWebFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.List;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/** The gateway's filters, rate limiter, key resolver, fallbacks and error rendering. Routes are configuration. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    NotRoutedPathsWebFilter notRoutedPathsWebFilter() {
        return new NotRoutedPathsWebFilter();
    }

    @Bean
    BodylessErrorsAsProblemsFilter bodylessErrorsAsProblemsFilter() {
        return new BodylessErrorsAsProblemsFilter();
    }

    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(GatewaySettings settings) {
        return new RequestBodyLimitFilter(settings);
    }

    /** Reads the username of a password login for the rate limiter's per-username bucket (replays the form). */
    @Bean
    LoginFormFilter loginFormFilter() {
        return new LoginFormFilter();
    }

    @Bean
    DownstreamPathGuardFilter downstreamPathGuardFilter() {
        return new DownstreamPathGuardFilter();
    }

    /** The RequestRateLimiter filter's default limiter (the gateway's own RedisRateLimiter bean stays unused). */
    @Bean
    @Primary
    RedisTokenBucketRateLimiter redisTokenBucketRateLimiter(
            ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
            ConfigurationService configurationService,
            GatewaySettings settings,
            MeterRegistry meters) {
        return new RedisTokenBucketRateLimiter(redis, script, configurationService, settings, meters);
    }

    @Bean
    @Primary
    UserOrClientIpKeyResolver userOrClientIpKeyResolver(GatewaySettings settings) {
        return new UserOrClientIpKeyResolver(settings);
    }

    @Bean
    RouterFunction<ServerResponse> fallbackRoutes() {
        FallbackHandler handler = new FallbackHandler();
        return RouterFunctions.route(path("/fallback/{service}"), handler::fallback);
    }
}

package io.shopstack.cart.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstack.cart.CartProperties;
import io.shopstack.platform.problem.PlatformError;
import io.shopstack.platform.problem.Problems;
import io.shopstack.platform.servlet.ServletProblemHandlers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limit of {@code /internal/**}: {@code shopstack.cart.internal.rate-limit} requests per
 * {@code rate-limit-period} and calling client (the token's subject; only authenticated internal callers get here,
 * the security filter has already answered everyone else). Over the limit: 429 problem details with
 * {@code Retry-After}. Metric: {@code cart.internal.rate_limited{client}}.
 */
@Component
class InternalRateLimiter implements HandlerInterceptor {

    private static final int MAX_CLIENTS = 1000;

    private final RateLimiterConfig config;
    private final Duration period;
    private final MeterRegistry meters;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    InternalRateLimiter(CartProperties properties, MeterRegistry meters) {
        this.period = properties.internal().rateLimitPeriod();
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.internal().rateLimit())
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.meters = meters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String client = caller == null ? "ip:" + request.getRemoteAddr() : caller.getName();
        if (limiters.size() > MAX_CLIENTS) {
            limiters.clear();
        }
        RateLimiter limiter = limiters.computeIfAbsent(client, name -> RateLimiter.of("internal:" + name, config));
        if (limiter.acquirePermission()) {
            return true;
        }
        meters.counter("cart.internal.rate_limited", "client", client).increment();
        long seconds = Problems.retryAfterSeconds(period);
        ProblemDetail problem = Problems.of(
                PlatformError.RATE_LIMITED,
                "The internal API allows %d requests per %s per client; retry after %d s."
                        .formatted(config.getLimitForPeriod(), period, seconds));
        problem.setProperty(Problems.RETRY_AFTER_SECONDS, seconds);
        ServletProblemHandlers.write(request, response, problem);
        return false;
    }
}

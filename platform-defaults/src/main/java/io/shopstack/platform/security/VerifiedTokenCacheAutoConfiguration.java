package io.shopstack.platform.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.ClassUtils;
import reactor.core.publisher.Mono;

import java.time.Clock;

/**
 * Wraps the service's JWT decoder, servlet or reactive, as Spring Boot configured it (issuer, key set, validators
 * unchanged), so that a token it accepted is not verified again for a while ({@link VerifiedTokens}).
 * {@code shopstack.security.verified-tokens.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass({JwtDecoder.class, Caffeine.class})
@ConditionalOnBooleanProperty(name = "shopstack.security.verified-tokens.enabled", matchIfMissing = true)
public class VerifiedTokenCacheAutoConfiguration {

    private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono", null);

    @Bean
    static BeanPostProcessor verifiedTokenCachingDecoders(Environment environment) {
        // Static, and binding the properties itself: a post-processor is made before ordinary beans.
        return new BeanPostProcessor() {
            private VerifiedTokens tokens;

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder, tokens());
                }
                if (isReactive(bean)) {
                    return new CachingReactiveJwtDecoder((ReactiveJwtDecoder) bean, tokens());
                }
                return bean;
            }

            private synchronized VerifiedTokens tokens() {
                if (tokens == null) {
                    VerifiedTokenCacheProperties properties = Binder.get(environment)
                            .bindOrCreate("shopstack.security.verified-tokens", VerifiedTokenCacheProperties.class);
                    tokens = new VerifiedTokens(properties, Clock.systemUTC(), Ticker.systemTicker());
                }
                return tokens;
            }
        };
    }

    private static boolean isReactive(Object bean) {
        return REACTOR_PRESENT && bean instanceof ReactiveJwtDecoder && !(bean instanceof CachingReactiveJwtDecoder);
    }

    record CachingJwtDecoder(JwtDecoder delegate, VerifiedTokens tokens) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            Jwt verified = tokens.verified(token);
            if (verified != null) {
                return verified;
            }
            Jwt jwt = delegate.decode(token); // throws JwtException: nothing is remembered
            tokens.remember(token, jwt);
            return jwt;
        }
    }

    record CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, VerifiedTokens tokens) implements ReactiveJwtDecoder {
        @Override
        public Mono<Jwt> decode(String token) {
            Jwt verified = tokens.verified(token);
            if (verified != null) {
                return Mono.just(verified);
            }
            return delegate.decode(token).doOnNext(jwt -> tokens.remember(token, jwt));
        }
    }
}

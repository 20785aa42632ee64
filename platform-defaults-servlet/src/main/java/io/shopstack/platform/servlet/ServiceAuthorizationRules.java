package io.shopstack.platform.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules (e.g. public catalog reads, a write scope), applied by the platform's security
 * filter chain after the platform rules (health/info public, {@code /internal/**} and actuator need the
 * {@code internal} scope) and before its closing rule (everything else authenticated).
 */
@FunctionalInterface
public interface ServiceAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}

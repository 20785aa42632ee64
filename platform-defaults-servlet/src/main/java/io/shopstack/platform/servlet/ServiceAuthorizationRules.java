package io.shopstack.platform.servlet;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules (e.g. public catalog reads, a write scope), applied by the platform's security
 * filter chain after the platform rules (health/info public, actuator reads need {@code metrics:read}, writes
 * {@code actuator:write}) and before its closing rules ({@code /internal/**} not named here: denied; everything else
 * authenticated). A service names the purpose scope of each of its internal endpoints here.
 */
@FunctionalInterface
public interface ServiceAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}

package io.shopstack.platform.reactive;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A reactive service's own authorization rules (e.g. anonymous catalog reads, a write scope), applied by the
 * platform's security chain after the platform rules (health/info public, other actuator reads need
 * {@code metrics:read}, actuator writes {@code actuator:write}) and before its closing rule (everything else
 * authenticated).
 */
@FunctionalInterface
public interface ServiceExchangeRules {

    void configure(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);
}

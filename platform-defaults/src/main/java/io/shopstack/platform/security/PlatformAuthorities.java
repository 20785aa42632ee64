package io.shopstack.platform.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.resource.authentication.DelegatingJwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The platform's authorities and how a token's claims become them: {@code SCOPE_<scope>} for each scope
 * ({@code scope}/{@code scp} claim) and {@code ROLE_<role>} for each entry of the {@code roles} claim; the principal's
 * name is the subject. Servlet services and the gateway use the same converter.
 */
public final class PlatformAuthorities {

    /**
     * Monitoring reads: actuator GET endpoints (metrics, prometheus, env, loggers...) and read-only internal health.
     * Prometheus, the admin dashboard and operators; never a write.
     */
    public static final String METRICS_READ = "SCOPE_metrics:read";
    /** Actuator writes (log levels, refresh): operators only. */
    public static final String ACTUATOR_WRITE = "SCOPE_actuator:write";
    /** Posting catalog events to a consumer's {@code /internal/events}: only product-service. */
    public static final String CATALOG_EVENTS = "SCOPE_catalog:events";
    /** Creating and changing promo codes: operators. */
    public static final String PROMO_ADMIN = "SCOPE_promo:admin";
    /** Listing, replaying and discarding dead letters: operators. */
    public static final String DLQ_ADMIN = "SCOPE_dlq:admin";
    /** A shopper's carts and wishlists. */
    public static final String CART = "SCOPE_cart";
    /** A shopper's orders: checkout, history, cancel. */
    public static final String ORDERS = "SCOPE_orders";
    /** Catalog writes (admins). */
    public static final String CATALOG_WRITE = "SCOPE_catalog:write";

    static final String ROLES_CLAIM = "roles";

    private PlatformAuthorities() {}

    /** Claims to authorities, composed from Spring Security's converters (a missing claim gives no authorities). */
    public static Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(
                new DelegatingJwtGrantedAuthoritiesConverter(new JwtGrantedAuthoritiesConverter(), roles));
        converter.setPrincipalClaimName(JwtClaimNames.SUB);
        return converter;
    }
}

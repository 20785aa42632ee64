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

    /** Service-to-service and operator endpoints ({@code /internal/**}, actuator): client-credentials tokens. */
    public static final String INTERNAL = "SCOPE_internal";
    /** A shopper's carts and wishlists. */
    public static final String CART = "SCOPE_cart";
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

package io.shopstack.platform.security;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class PlatformAuthoritiesTest {

    @Test
    void scopesAndRolesBecomeAuthoritiesAndTheSubjectIsTheName() {
        AbstractAuthenticationToken authentication = PlatformAuthorities.jwtAuthenticationConverter()
                .convert(jwt().claim("scope", "openid cart")
                        .claim("roles", List.of("customer", "admin"))
                        .build());
        assertThat(claimAuthorities(authentication))
                .containsExactlyInAnyOrder("SCOPE_openid", PlatformAuthorities.CART, "ROLE_customer", "ROLE_admin");
        assertThat(authentication.getName()).isEqualTo("alice");
    }

    @Test
    void aTokenWithoutRolesOrScopesHasNoAuthorities() {
        AbstractAuthenticationToken authentication = PlatformAuthorities.jwtAuthenticationConverter()
                .convert(jwt().claim("other", "x").build());
        assertThat(claimAuthorities(authentication)).isEmpty();
    }

    @Test
    void aServiceTokenHasItsPurposeScopes() {
        AbstractAuthenticationToken authentication = PlatformAuthorities.jwtAuthenticationConverter()
                .convert(jwt().subject("cart-service")
                        .claim("scope", List.of("metrics:read"))
                        .build());
        assertThat(claimAuthorities(authentication)).containsExactly(PlatformAuthorities.METRICS_READ);
    }

    /** The authorities from claims (Spring Security 7 adds a FACTOR_BEARER authority of its own for every token). */
    private static List<String> claimAuthorities(AbstractAuthenticationToken authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> !authority.startsWith("FACTOR_"))
                .toList();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
    }
}

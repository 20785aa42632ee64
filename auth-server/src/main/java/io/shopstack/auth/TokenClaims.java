package io.shopstack.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Claims the resource servers rely on. Access tokens: {@code aud} = the platform audience (instead of the client
 * id), {@code roles} = the user's roles (not set on client-credentials tokens, whose {@code sub} is the client id).
 * ID tokens also carry {@code roles}. {@code iss}, {@code sub}, {@code scope}, {@code iat}/{@code exp} are the
 * authorization server's defaults.
 * <p>
 * Claim values are mutable {@link ArrayList}s on purpose: the claims are stored with the authorization and read back
 * through Spring Security's Jackson allowlist, which refuses the JDK's immutable lists ({@code List.of}). Reading back
 * happens on every refresh token grant and on RP-initiated logout ({@code id_token_hint}); with an immutable list both
 * failed (400 invalid_request / invalid_grant).
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final String audience;

    TokenClaims(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean userToken = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        Authentication principal = context.getPrincipal();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            context.getClaims().audience(new ArrayList<>(List.of(audience)));
            if (userToken) {
                context.getClaims().claim("roles", new ArrayList<>(Roles.of(principal)));
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claim("roles", new ArrayList<>(Roles.of(principal)));
        }
    }
}

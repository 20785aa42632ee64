package io.shopstack.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;

/**
 * Claims the resource servers rely on. Access tokens: {@code aud} = the platform audience (instead of the client
 * id), {@code roles} = the user's roles (not set on client-credentials tokens, whose {@code sub} is the client id).
 * ID tokens also carry {@code roles}. {@code iss}, {@code sub}, {@code scope}, {@code iat}/{@code exp} are the
 * authorization server's defaults.
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
            context.getClaims().audience(List.of(audience));
            if (userToken) {
                context.getClaims().claim("roles", List.copyOf(Roles.of(principal)));
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            context.getClaims().claim("roles", List.copyOf(Roles.of(principal)));
        }
    }
}

package io.shopstack.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drops requested scopes the signed-in user may not have (e.g. {@code catalog:write} without role ADMIN) from an
 * authorization request, before the authorization server records what was authorized. The user still gets a code,
 * for the remaining scopes; the token response's {@code scope} tells the client what was granted.
 * Client-credentials tokens are not affected: a client's scopes are those of its registration.
 */
final class RoleRestrictedScopes {

    private final Map<String, Set<String>> requiredRolesByScope;

    RoleRestrictedScopes(List<AuthProperties.RestrictedScope> restrictedScopes) {
        this.requiredRolesByScope = restrictedScopes.stream()
                .collect(Collectors.toUnmodifiableMap(
                        AuthProperties.RestrictedScope::scope, AuthProperties.RestrictedScope::roles));
    }

    Set<String> allowed(Set<String> requested, Authentication user) {
        Set<String> roles = Roles.of(user);
        Set<String> allowed = new LinkedHashSet<>();
        for (String scope : requested) {
            Set<String> required = requiredRolesByScope.get(scope);
            if (required == null || required.stream().anyMatch(roles::contains)) {
                allowed.add(scope);
            }
        }
        return allowed;
    }

    /** Wraps the authorization endpoint's request converter. */
    AuthenticationConverter filtering(AuthenticationConverter delegate) {
        return (HttpServletRequest request) -> {
            Authentication converted = delegate.convert(request);
            if (converted == null || converted.getClass() != OAuth2AuthorizationCodeRequestAuthenticationToken.class) {
                return converted;
            }
            var authorizationRequest = (OAuth2AuthorizationCodeRequestAuthenticationToken) converted;
            if (!(authorizationRequest.getPrincipal() instanceof Authentication user)) {
                return converted;
            }
            // Not signed in yet (anonymous): the saved original request is replayed after login and filtered then.
            Set<String> allowed = allowed(authorizationRequest.getScopes(), user);
            if (allowed.equals(authorizationRequest.getScopes())) {
                return converted;
            }
            return new OAuth2AuthorizationCodeRequestAuthenticationToken(
                    authorizationRequest.getAuthorizationUri(),
                    authorizationRequest.getClientId(),
                    user,
                    authorizationRequest.getRedirectUri(),
                    authorizationRequest.getState(),
                    allowed,
                    authorizationRequest.getAdditionalParameters());
        };
    }
}

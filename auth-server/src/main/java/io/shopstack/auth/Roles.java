package io.shopstack.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Role names (without {@code ROLE_}) of a signed-in user; other authorities (e.g. factors) are ignored. */
final class Roles {

    private static final String PREFIX = "ROLE_";

    private Roles() {}

    static Set<String> of(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(PREFIX))
                .map(authority -> authority.substring(PREFIX.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

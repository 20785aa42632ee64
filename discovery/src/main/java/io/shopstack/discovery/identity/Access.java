package io.shopstack.discovery.identity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What an identity may do in the registry. */
public enum Access {
    /** The registry (GET) and the dashboard; no write of any kind (Prometheus, the operator and the launcher). */
    READ,
    /**
     * READ, and register, renew, change status/metadata and cancel instances of the one application named like the
     * identity (a service: its {@code spring.application.name}).
     */
    REGISTER_OWN_NAME;

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("DISCOVERY_" + name());
    }

    /** Whether the authenticated identity may write instances of {@code applicationName} (case-insensitive). */
    public static boolean mayWrite(Authentication identity, String applicationName) {
        return identity != null
                && identity.isAuthenticated()
                && identity.getAuthorities().contains(REGISTER_OWN_NAME.authority())
                && identity.getName().equalsIgnoreCase(applicationName);
    }
}

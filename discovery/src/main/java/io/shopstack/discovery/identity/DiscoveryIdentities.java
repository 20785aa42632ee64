package io.shopstack.discovery.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may use the registry ({@code shopstack.discovery.identities.<name>}): the identity's access and the bcrypt hash of
 * its password. A missing identity list, an access or a hash that is missing, or a hash that is not bcrypt fails the
 * start (a plain password pasted where a hash belongs must not become a working login).
 */
@ConfigurationProperties("shopstack.discovery")
public record DiscoveryIdentities(Map<String, Identity> identities) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    public DiscoveryIdentities {
        if (identities == null || identities.isEmpty()) {
            throw new IllegalArgumentException(
                    "shopstack.discovery.identities is empty: nobody could use the registry");
        }
        identities.forEach((name, identity) -> {
            String property = "shopstack.discovery.identities." + name;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        property + ": an identity is named like an application (letters," + " digits, '.', '_', '-')");
            }
            if (identity == null || identity.access() == null) {
                throw new IllegalArgumentException(property + ".access is missing (read or register-own-name)");
            }
            if (identity.passwordHash() == null || identity.passwordHash().isBlank()) {
                throw new IllegalArgumentException(property + ".password-hash is missing");
            }
            if (!BCRYPT.matcher(identity.bcryptHash()).matches()) {
                throw new IllegalArgumentException(property + ".password-hash is not a bcrypt hash");
            }
        });
        identities = Map.copyOf(identities);
    }

    /** @param passwordHash a bcrypt hash, optionally with Spring Security's {@code {bcrypt}} prefix */
    public record Identity(Access access, String passwordHash) {

        String bcryptHash() {
            return passwordHash.startsWith("{bcrypt}") ? passwordHash.substring("{bcrypt}".length()) : passwordHash;
        }
    }
}

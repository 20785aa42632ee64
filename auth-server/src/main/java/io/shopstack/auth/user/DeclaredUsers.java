package io.shopstack.auth.user;

import io.shopstack.auth.AuthProperties;
import io.shopstack.auth.PasswordHashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the declared users ({@code shopstack.auth.users}: the local development users) to the user store at start,
 * overwriting hash and roles, and creates the bootstrap administrator if (and only if) no user of that name exists:
 * once created, the database owns it (a password changed there is never reset by a restart).
 */
final class DeclaredUsers {

    private static final Logger log = LoggerFactory.getLogger(DeclaredUsers.class);
    private static final long LOCK_ID = 0x5348_4f50_5553_4552L; // "SHOPUSER"

    private final Map<String, AuthProperties.User> declared;
    private final AuthProperties.BootstrapAdmin bootstrapAdmin;
    private final UserDetailsManager users;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DeclaredUsers(
            Map<String, AuthProperties.User> declared,
            AuthProperties.BootstrapAdmin bootstrapAdmin,
            UserDetailsManager users,
            JdbcTemplate jdbc,
            TransactionTemplate transactions) {
        this.declared = new TreeMap<>(declared);
        this.bootstrapAdmin = bootstrapAdmin;
        this.users = users;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    void apply() {
        Map<String, UserDetails> toWrite = new TreeMap<>();
        declared.forEach((username, user) -> toWrite.put(
                username, user(username, user.password(), user.roles(), "shopstack.auth.users." + username)));
        UserDetails admin = bootstrapAdmin != null && bootstrapAdmin.isRequested()
                ? user(
                        bootstrapAdmin.username(),
                        bootstrapAdmin.passwordHash(),
                        Set.of("ADMIN"),
                        "shopstack.auth.bootstrap-admin.password-hash")
                : null;
        transactions.executeWithoutResult(status -> {
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> {}, LOCK_ID);
            toWrite.values().forEach(user -> {
                if (users.userExists(user.getUsername())) {
                    users.updateUser(user);
                } else {
                    users.createUser(user);
                }
            });
            if (admin != null && !users.userExists(admin.getUsername())) {
                users.createUser(admin);
                log.warn(
                        "Created bootstrap administrator {}; manage users in the database from now on",
                        admin.getUsername());
            }
        });
        if (!toWrite.isEmpty()) {
            log.info("Declared users written: {}", String.join(", ", toWrite.keySet()));
        }
    }

    private static UserDetails user(String username, String hash, Set<String> roles, String what) {
        return User.withUsername(username)
                .password(PasswordHashes.requireBcrypt(hash, what))
                .roles(roles.toArray(String[]::new))
                .build();
    }
}

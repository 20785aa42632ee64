package io.shopstack.auth.user;

import io.shopstack.auth.AuthProperties;
import io.shopstack.auth.FreshAuthDatabase;
import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Declared users and the bootstrap administrator, on real PostgreSQL (a database of its own). */
@WithInfrastructure(Server.POSTGRES)
class DeclaredUsersTest {

    private static final String ALICE_HASH = "{bcrypt}$2a$10$7VLVkUw8SyiZusTKdAM1iOvlSX6UvAsUfKbmwBZpqjQzjO0OMVwOe";
    private static final String BOB_HASH = "{bcrypt}$2a$10$MRkK1/r0/ZL4132Jhjqnmu5fN3bjbuM1.FRWnYk2URcKpSzG6mOhq";

    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private JdbcUserDetailsManager users;

    @BeforeEach
    void database(EmbeddedInfrastructure infrastructure) throws Exception {
        DataSource dataSource = FreshAuthDatabase.migrated(infrastructure, "auth_declared_users");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        users = new JdbcUserDetailsManager(dataSource);
    }

    @Test
    void declaredUsersAreOverwrittenAtEveryStart() {
        apply(Map.of("alice", new AuthProperties.User(ALICE_HASH, Set.of("CUSTOMER"))), null);
        apply(Map.of("alice", new AuthProperties.User(BOB_HASH, Set.of("CUSTOMER", "ADMIN"))), null);

        assertThat(users.loadUserByUsername("alice").getPassword()).isEqualTo(BOB_HASH);
        assertThat(users.loadUserByUsername("alice").getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_CUSTOMER", "ROLE_ADMIN");
    }

    @Test
    void theBootstrapAdministratorIsCreatedOnceAndThenBelongsToTheDatabase() {
        AuthProperties.BootstrapAdmin admin = new AuthProperties.BootstrapAdmin("root", ALICE_HASH);
        apply(Map.of(), admin);
        assertThat(users.loadUserByUsername("root").getAuthorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_ADMIN");

        // The operator changes the password in the database; a restart must not put the bootstrap hash back.
        users.updateUser(
                User.withUsername("root").password(BOB_HASH).roles("ADMIN").build());
        apply(Map.of(), admin);

        assertThat(users.loadUserByUsername("root").getPassword()).isEqualTo(BOB_HASH);
    }

    @Test
    void noBootstrapAdministratorWithoutAHashAndNeverAPlainPassword() {
        apply(Map.of(), new AuthProperties.BootstrapAdmin("root", ""));
        assertThat(users.userExists("root")).isFalse();

        assertThatIllegalStateException()
                .isThrownBy(() -> apply(Map.of(), new AuthProperties.BootstrapAdmin("root", "root-password")))
                .withMessageContaining("bootstrap-admin.password-hash must be a bcrypt hash")
                .withMessageNotContaining("root-password");
        assertThat(users.userExists("root")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users", Integer.class))
                .isZero();
    }

    private void apply(Map<String, AuthProperties.User> declared, AuthProperties.BootstrapAdmin admin) {
        new DeclaredUsers(declared, admin, users, jdbc, transactions).apply();
    }
}

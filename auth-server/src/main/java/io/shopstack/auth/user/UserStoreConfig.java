package io.shopstack.auth.user;

import io.shopstack.auth.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/**
 * Users in PostgreSQL (Spring Security's JDBC user schema, Flyway V2): bcrypt hashes, roles as {@code ROLE_*}
 * authorities. Declared users (local development) and the optional bootstrap administrator are written before the
 * store is handed out.
 */
@Configuration(proxyBeanMethods = false)
class UserStoreConfig {

    @Bean
    JdbcUserDetailsManager userDetailsManager(
            DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions, AuthProperties properties) {
        JdbcUserDetailsManager users = new JdbcUserDetailsManager(dataSource);
        new DeclaredUsers(properties.users(), properties.bootstrapAdmin(), users, jdbc, transactions).apply();
        return users;
    }
}

package io.shopstack.auth.login;

import io.shopstack.auth.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The login form's {@link AuthenticationManager}: only the throttled provider, with no parent manager, so no other
 * provider ever checks a password the throttle refused.
 */
@Configuration(proxyBeanMethods = false)
public class LoginConfig {

    /** Not a bean of type AuthenticationManager: Spring Security keeps building its global one from the users. */
    public record LoginAuthentication(AuthenticationManager manager) {}

    @Bean
    LoginAuthentication loginAuthentication(
            UserDetailsService users,
            PasswordEncoder passwordEncoder,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            AuthProperties properties) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        LoginThrottle throttle = new LoginThrottle(jdbc, transactions, properties.loginThrottle());
        ProviderManager manager = new ProviderManager(
                new ThrottledLoginProvider(passwords, throttle, new LoginAudit(), Clock.systemUTC()));
        manager.setEraseCredentialsAfterAuthentication(true);
        return new LoginAuthentication(manager);
    }
}

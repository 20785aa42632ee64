package io.shopstack.config;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP basic for everything (config API, /encrypt, /decrypt, /monitor, actuator) except the public health and info
 * endpoints and /actuator/prometheus. The user is Boot's {@code spring.security.user.*} (see application.yml). CSRF is
 * off: every caller is a machine (config clients, webhooks, the launcher), none is a browser session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * /actuator/prometheus takes a bearer token of the platform's issuer with scope {@code metrics:read} (client
     * "prometheus"), as every service does: the basic user may read and decrypt every secret, so it is no scrape
     * identity. The issuer's keys are fetched on the first scrape, so config-server still starts before auth-server.
     */
    @Bean
    @Order(1)
    SecurityFilterChain metricsSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.to("prometheus"))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority("SCOPE_metrics:read"))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The basic user from {@code spring.security.user.*}, as Boot would make it: Boot backs off its own user as soon
     * as there is a JwtDecoder (the metrics tokens'), which would leave the config API without any login.
     */
    @Bean
    InMemoryUserDetailsManager configUser(SecurityProperties properties) {
        SecurityProperties.User user = properties.getUser();
        String password = user.getPassword();
        // Boot's rule: a password without an {id} encoding prefix is plain text.
        if (!password.matches("^\\{.+}.*$")) {
            password = "{noop}" + password;
        }
        return new InMemoryUserDetailsManager(User.withUsername(user.getName())
                .password(password)
                .roles(user.getRoles().toArray(String[]::new))
                .build());
    }

    @Bean
    @Order(2)
    SecurityFilterChain configServerSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}

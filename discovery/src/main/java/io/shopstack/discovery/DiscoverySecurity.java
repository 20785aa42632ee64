package io.shopstack.discovery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Registration, the registry and the dashboard need the Eureka credentials ({@code EUREKA_USER} /
 * {@code EUREKA_PASSWORD}); only health and info are public. Eureka clients cannot send CSRF tokens, so CSRF is
 * off for {@code /eureka/**} only.
 */
@Configuration(proxyBeanMethods = false)
class DiscoverySecurity {

    @Bean
    SecurityFilterChain discoverySecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(
                rules -> rules.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .authenticated());
        http.httpBasic(Customizer.withDefaults());
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/eureka/**"));
        return http.build();
    }
}

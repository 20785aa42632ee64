package io.shopstack.observability;

import de.codecentric.boot.admin.server.config.AdminServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * The dashboard needs the admin credentials ({@code ADMIN_USER} / {@code ADMIN_PASSWORD}); only its own health and
 * info and the login page's assets are public.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    @Bean
    SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, AdminServerProperties admin) {
        String context = admin.getContextPath();
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setTargetUrlParameter("redirectTo");
        success.setDefaultTargetUrl(context + "/");
        http.authorizeHttpRequests(rules -> rules.requestMatchers(
                                context + "/assets/**",
                                context + "/login",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage(context + "/login").successHandler(success))
                .logout(logout -> logout.logoutUrl(context + "/logout"))
                .httpBasic(Customizer.withDefaults())
                // The UI's XHR calls send the CSRF cookie value back as a header.
                .csrf(csrf -> csrf.csrfTokenRepository(
                                org.springframework.security.web.csrf.CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(
                                new org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(context + "/instances", context + "/instances/*", "/actuator/**"));
        return http.build();
    }
}

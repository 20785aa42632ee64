package io.shopstack.discovery;

import com.netflix.eureka.cluster.PeerEurekaNode;
import io.shopstack.discovery.identity.DiscoveryIdentities;
import io.shopstack.discovery.identity.IdentityAuthenticationProvider;
import io.shopstack.discovery.ownership.RegisteredInstanceCheck;
import io.shopstack.discovery.ownership.RegistryWriteAuthorization;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Who may do what in the registry (docs/discovery-trust.md). Every identity logs in with HTTP basic
 * ({@link IdentityAuthenticationProvider}); health and info are public. Reads (GET: the registry, the dashboard) need
 * any identity. Every other request is refused unless it is a registration write for the identity's own application
 * name ({@link RegistryWriteAuthorization}); a registration's body must name that application in its app and virtual
 * host names too ({@link RegisteredInstanceCheck}). Replication requests are refused: this registry has no peers, and
 * a peer's writes skip the checks an instance's owner gets. Eureka clients cannot send CSRF tokens, so CSRF is off for
 * {@code /eureka/**} only (the dashboard takes no writes at all).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DiscoveryIdentities.class)
class DiscoverySecurity {

    @Bean
    SecurityFilterChain discoverySecurityFilterChain(HttpSecurity http) throws Exception {
        RegistryWriteAuthorization registryWrites = new RegistryWriteAuthorization();
        http.authorizeHttpRequests(
                rules -> rules.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers(new RequestHeaderRequestMatcher(PeerEurekaNode.HEADER_REPLICATION))
                        .denyAll()
                        .requestMatchers(HttpMethod.GET, "/**")
                        .authenticated()
                        .anyRequest()
                        .access(registryWrites));
        http.httpBasic(Customizer.withDefaults());
        http.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(registryWrites));
        // Every request carries its credentials; no session could carry one identity's login to another request.
        http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/eureka/**"));
        return http.build();
    }

    /** A bean, so that Spring Boot does not add its generated default user beside the identities. */
    @Bean
    IdentityAuthenticationProvider identityAuthenticationProvider(DiscoveryIdentities identities) {
        return new IdentityAuthenticationProvider(identities);
    }

    /** Adds the registration check to Eureka's Jersey application before Eureka's servlet filter is built from it. */
    @Bean
    static BeanPostProcessor registeredInstanceCheckOnEurekaJersey() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ResourceConfig eurekaJersey) {
                    eurekaJersey.register(new RegisteredInstanceCheck());
                }
                return bean;
            }
        };
    }
}

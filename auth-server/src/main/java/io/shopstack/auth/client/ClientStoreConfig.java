package io.shopstack.auth.client;

import io.shopstack.auth.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registered clients, authorizations (codes, tokens, their state) and consents in PostgreSQL (schema: Flyway
 * V1), so that every auth-server instance sees the same state and a restart loses no authorization in flight.
 */
@Configuration(proxyBeanMethods = false)
class ClientStoreConfig {

    /** The declared clients are applied before the repository is handed out, so before the first request. */
    @Bean
    RegisteredClientRepository registeredClientRepository(
            JdbcTemplate jdbc, TransactionTemplate transactions, AuthProperties properties) {
        JdbcRegisteredClientRepository repository = new JdbcRegisteredClientRepository(jdbc);
        new DeclaredClients(properties.clients(), repository, jdbc, transactions).apply();
        return repository;
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }
}

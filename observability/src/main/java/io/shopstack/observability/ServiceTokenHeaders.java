package io.shopstack.observability;

import de.codecentric.boot.admin.server.web.client.reactive.ReactiveHttpHeadersProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Services' actuator endpoints (other than health and info) need a service token; the dashboard asks for {@code metrics:read} (reads only):
 * the dashboard gets one by client credentials (registration {@code shopstack}) and renews it before it expires.
 */
@Configuration(proxyBeanMethods = false)
class ServiceTokenHeaders {

    static final String REGISTRATION = "shopstack";

    @Bean
    AuthorizedClientServiceOAuth2AuthorizedClientManager serviceTokenManager(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService clients) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials()
                .build());
        return manager;
    }

    /** Reactive: the token request (blocking, cached until shortly before expiry) runs off the Netty threads. */
    @Bean
    ReactiveHttpHeadersProvider serviceTokenHeadersProvider(
            AuthorizedClientServiceOAuth2AuthorizedClientManager manager) {
        return instance -> Mono.fromCallable(() -> {
                    HttpHeaders headers = new HttpHeaders();
                    OAuth2AuthorizedClient client =
                            manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                                    .principal("observability")
                                    .build());
                    if (client != null) {
                        headers.setBearerAuth(client.getAccessToken().getTokenValue());
                    }
                    return headers;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}

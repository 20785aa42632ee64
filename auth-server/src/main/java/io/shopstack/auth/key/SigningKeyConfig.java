package io.shopstack.auth.key;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.shopstack.auth.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The authorization server publishes (/oauth2/jwks) and validates (/userinfo) with the JWK source, and signs tokens
 * with the {@link JwtEncoder} bean, which it prefers over one built from the JWK source.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfig {

    @Bean
    SigningKeys signingKeys(AuthProperties properties) {
        return SigningKeys.load(properties);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(keys.all());
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(keys.signing()));
    }
}

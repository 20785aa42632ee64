package io.shopstack.auth.key;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopstack.cli.token.TokenClient;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rotated issuer, as production runs it: the current key from a mounted PEM file, the previous one (the former
 * current key file) next to it, no generation. A resource server that knows only the published JWK set accepts
 * tokens signed with either key, and new tokens carry the current key's id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@IsolatedServiceTest
@WithInfrastructure(value = Server.POSTGRES, database = "auth")
class KeyRotationTest {

    private static final int PORT = freePort();
    private static final URI ISSUER = URI.create("http://localhost:" + PORT);

    @TempDir
    static Path keyDir;

    static RSAKey previousKey;
    static RSAKey currentKey;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path previousFile = keyDir.resolve("previous.json");
        previousKey = JwkFile.loadOrCreate(previousFile); // the key before the rotation, as local mode wrote it
        Path currentFile = SigningKeysTest.writePem(keyDir.resolve("current.pem")); // the new key, from openssl
        currentKey = JwkFile.load(currentFile, true);
        registry.add("server.port", () -> PORT);
        registry.add("shopstack.auth.issuer", ISSUER::toString);
        registry.add("shopstack.auth.generate-jwk", () -> "false");
        registry.add("shopstack.auth.jwk-file", currentFile::toString);
        registry.add("shopstack.auth.previous-jwk-file", previousFile::toString);
    }

    private final TokenClient tokens = new TokenClient();

    @Test
    void theJwkSetPublishesTheCurrentAndThePreviousKeyWithoutPrivateParts() throws Exception {
        JWKSet served = JWKSet.parse(jwks());

        assertThat(served.getKeys())
                .extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder(currentKey.getKeyID(), previousKey.getKeyID());
        assertThat(served.getKeys()).noneMatch(JWK::isPrivate);
    }

    @Test
    void newTokensCarryTheCurrentKid() throws Exception {
        String token = tokens.serviceToken(ISSUER, "operator", "operator-dev-secret".toCharArray(), null);

        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(currentKey.getKeyID());
        assertThat(resourceServer().decode(token).getSubject()).isEqualTo("operator");
    }

    @Test
    void aTokenSignedWithThePreviousKeyValidatesUntilItExpires() throws Exception {
        JwtDecoder resourceServer = resourceServer();

        Jwt accepted = resourceServer.decode(sign(previousKey, Instant.now().plus(Duration.ofMinutes(5))));
        assertThat(accepted.getSubject()).isEqualTo("signed-before-rotation");

        String expired = sign(previousKey, Instant.now().minus(Duration.ofMinutes(5)));
        assertThatThrownBy(() -> resourceServer.decode(expired))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRejected() throws Exception {
        RSAKey stranger =
                new RSAKeyGenerator(2048).keyID(previousKey.getKeyID()).generate();

        String forged = sign(stranger, Instant.now().plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> resourceServer().decode(forged)).isInstanceOf(JwtException.class);
    }

    /** Built like a service's resource server: the published JWK set, the issuer and the platform audience. */
    private static JwtDecoder resourceServer() {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(ISSUER + "/oauth2/jwks").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER.toString()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("shopstack"))));
        return decoder;
    }

    private static String sign(RSAKey key, Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER.toString())
                        .subject("signed-before-rotation")
                        .audience("shopstack")
                        .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                        .expirationTime(Date.from(expiresAt))
                        .claim("scope", List.of("metrics:read"))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String jwks() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(ISSUER.resolve("/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

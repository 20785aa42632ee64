package io.shopstack.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.shopstack.auth.key.JwkFile;
import io.shopstack.cli.token.TokenClient;
import io.shopstack.cli.token.TokenException;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The prod profile with its variables set (as the environment would) on a database of its own: no development user
 * or secret works, the clients' secrets are the hashes from the environment, the key comes from the mounted file.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            // Needed while the configuration is read (the config-server import), before dynamic properties exist.
            "CONFIG_SERVER_URL=http://config.example.test",
            "CONFIG_SERVER_USER=config",
            "CONFIG_SERVER_PASSWORD=not-used-config-is-disabled",
            // The test's own database (spring.datasource.* from @WithInfrastructure) wins over these.
            "AUTH_DB_URL=unused",
            "AUTH_DB_USER=unused",
            "AUTH_DB_PASSWORD=unused",
            // This test speaks plain HTTP; a Secure cookie would never come back.
            "SHOPSTACK_AUTH_SESSION_COOKIE_SECURE=false"
        })
@ActiveProfiles("prod")
// prod logs JSON (structured logging), and Spring Boot keeps a JVM's logging set up as the first context left it:
// close this context afterwards and forget its format, so later tests in this JVM log (and capture) plain lines again.
@DirtiesContext
@IsolatedServiceTest
@WithInfrastructure(value = Server.POSTGRES, database = "auth_prod_profile")
class ProdProfileTest {

    @AfterAll
    static void plainLogsForTheNextTests() {
        System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
    }

    private static final int PORT = freePort();
    private static final URI ISSUER = URI.create("http://localhost:" + PORT);
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    @TempDir
    static Path secrets;

    static String signingKeyId;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws Exception {
        Path key = pem(secrets.resolve("signing-key.pem"));
        signingKeyId = JwkFile.load(key, true).getKeyID();
        registry.add("server.port", () -> PORT);
        registry.add("SHOPSTACK_ISSUER", ISSUER::toString);
        registry.add("SHOPSTACK_AUTH_SIGNING_KEY", key::toString);
        registry.add(
                "SHOPSTACK_WEB_REDIRECT_URIS",
                () -> "https://shop.example.test/login/oauth2/code/shopstack," + TokenClient.WEB_REDIRECT_URI);
        registry.add("SHOPSTACK_WEB_POST_LOGOUT_REDIRECT_URIS", () -> "https://shop.example.test/");
        for (String client :
                new String[] {"shopstack-web", "product-service", "operator", "observability", "prometheus"}) {
            String variable =
                    "SHOPSTACK_CLIENT_SECRET_HASH_" + client.toUpperCase().replace('-', '_');
            String hash = "{bcrypt}" + BCRYPT.encode(client + "-prod-secret");
            registry.add(variable, () -> hash);
        }
        registry.add("SHOPSTACK_AUTH_BOOTSTRAP_ADMIN_USERNAME", () -> "root");
        registry.add(
                "SHOPSTACK_AUTH_BOOTSTRAP_ADMIN_PASSWORD_HASH", () -> "{bcrypt}" + BCRYPT.encode("root-prod-password"));
    }

    private final TokenClient tokens =
            new TokenClient(java.time.Duration.ofSeconds(10), "shopstack-web-prod-secret".toCharArray());

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void onlyTheBootstrapAdministratorExistsAndDevelopmentUsersCannotSignIn() throws Exception {
        assertThat(jdbc.queryForList("SELECT username FROM users", String.class))
                .containsExactly("root");
        assertThatThrownBy(() -> tokens.userToken(ISSUER, "alice", "alice-password".toCharArray()))
                .isInstanceOf(TokenException.class)
                .hasMessage("login failed for user alice");

        String admin = tokens.userToken(ISSUER, "root", "root-prod-password".toCharArray(), "openid catalog:write");
        assertThat(SignedJWT.parse(admin).getJWTClaimsSet().getStringListClaim("scope"))
                .contains("catalog:write");
    }

    @Test
    void clientSecretsAreTheHashesFromTheEnvironmentNotTheDevelopmentOnes() throws Exception {
        String token = tokens.serviceToken(
                ISSUER, "product-service", "product-service-prod-secret".toCharArray(), "catalog:events");

        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(signingKeyId);
        for (String client :
                new String[] {"shopstack-web", "product-service", "operator", "observability", "prometheus"}) {
            assertThatThrownBy(() -> tokens.serviceToken(ISSUER, client, (client + "-dev-secret").toCharArray(), null))
                    .isInstanceOfSatisfying(
                            TokenException.class,
                            ex -> assertThat(ex.statusCode()).isEqualTo(401));
        }
    }

    @Test
    void theKeyIsTheMountedOneAndNoneIsGenerated() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient();
                Stream<Path> files = Files.list(secrets)) {
            HttpResponse<String> jwks = http.send(
                    HttpRequest.newBuilder(ISSUER.resolve("/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JWKSet.parse(jwks.body()).getKeys())
                    .extracting(JWK::getKeyID)
                    .containsExactly(signingKeyId);
            assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("signing-key.pem");
        }
        assertThat(Path.of(System.getProperty("user.dir"), ".shopstack", "auth", "jwk.json"))
                .doesNotExist();
    }

    private static Path pem(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package io.shopstack.auth;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.shopstack.auth.key.SigningKeys;
import io.shopstack.cli.token.TokenClient;
import io.shopstack.cli.token.TokenException;
import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real server on a real port with its real PostgreSQL database, in the default (local) profile, driven by the
 * JDK-only {@link TokenClient} (login form, PKCE, client credentials). DEFINED_PORT with a port picked up front: the
 * issuer is fixed at startup, so it must be known before the server binds, which RANDOM_PORT does not allow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@IsolatedServiceTest
@WithInfrastructure(value = Server.POSTGRES, database = "auth")
class AuthServerIntegrationTest {

    private static final int PORT = freePort();
    private static final URI ISSUER = URI.create("http://localhost:" + PORT);

    @TempDir
    static Path keyDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("shopstack.auth.issuer", ISSUER::toString);
        registry.add("shopstack.auth.jwk-file", () -> keyDir.resolve("jwk.json").toString());
    }

    private final TokenClient tokens = new TokenClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    AuthProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    JdbcUserDetailsManager users;

    @Test
    void customerGetsCartButNotCatalogWrite() {
        String token = tokens.userToken(ISSUER, "alice", "alice-password".toCharArray(), "openid cart catalog:write");

        Map<String, Object> claims = payload(token);
        assertThat(claims.get("iss")).isEqualTo(ISSUER.toString());
        assertThat(audience(claims)).containsExactly("shopstack");
        assertThat(claims.get("sub")).isEqualTo("alice");
        assertThat(scopes(claims)).contains("cart", "openid").doesNotContain("catalog:write");
        assertThat(claims.get("roles")).isEqualTo(List.of("CUSTOMER"));
        assertThat(number(claims, "exp") - number(claims, "iat")).isEqualTo(900);
    }

    @Test
    void aUserGetsOrdersWithTheLaunchersDefaultScopesAndNoServiceClientDoes() {
        String token = tokens.userToken(ISSUER, "alice", "alice-password".toCharArray());

        assertThat(scopes(payload(token))).contains("openid", "cart", "orders");
        // A shopper's scope: product-service's client credentials never carry it.
        assertThatThrownBy(() -> tokens.serviceToken(
                        ISSUER, "product-service", "product-service-dev-secret".toCharArray(), "orders"))
                .isInstanceOfSatisfying(TokenException.class, ex -> {
                    assertThat(ex.statusCode()).isEqualTo(400);
                    assertThat(ex).hasMessageContaining("invalid_scope");
                });
    }

    @Test
    void adminGetsCatalogWrite() {
        String token = tokens.userToken(ISSUER, "admin", "admin-password".toCharArray(), "openid cart catalog:write");

        Map<String, Object> claims = payload(token);
        assertThat(claims.get("sub")).isEqualTo("admin");
        assertThat(scopes(claims)).contains("cart", "catalog:write");
        assertThat(claims.get("roles")).isEqualTo(List.of("ADMIN", "CUSTOMER"));
    }

    @Test
    void wrongPasswordGivesNoToken() {
        assertThatThrownBy(() -> tokens.userToken(ISSUER, "alice", "wrong".toCharArray()))
                .isInstanceOf(TokenException.class)
                .hasMessage("login failed for user alice");
    }

    @Test
    void productServiceGetsOnlyCatalogEvents() {
        String token = tokens.serviceToken(
                ISSUER, "product-service", "product-service-dev-secret".toCharArray(), "catalog:events");

        Map<String, Object> claims = payload(token);
        assertThat(claims.get("sub")).isEqualTo("product-service");
        assertThat(claims.get("iss")).isEqualTo(ISSUER.toString());
        assertThat(audience(claims)).containsExactly("shopstack");
        assertThat(scopes(claims)).containsExactly("catalog:events");
        assertThat(claims).doesNotContainKey("roles");
        assertThat(number(claims, "exp") - number(claims, "iat")).isEqualTo(300);

        assertThatThrownBy(() -> tokens.serviceToken(
                        ISSUER, "product-service", "product-service-dev-secret".toCharArray(), "metrics:read"))
                .isInstanceOfSatisfying(TokenException.class, ex -> {
                    assertThat(ex.statusCode()).isEqualTo(400);
                    assertThat(ex).hasMessageContaining("invalid_scope");
                });
    }

    @Test
    void operatorGetsItsAdministrativeScopes() {
        String operator = tokens.serviceToken(
                ISSUER,
                "operator",
                "operator-dev-secret".toCharArray(),
                "catalog:write promo:admin dlq:admin metrics:read actuator:write");

        assertThat(scopes(payload(operator)))
                .containsExactlyInAnyOrder(
                        "catalog:write", "promo:admin", "dlq:admin", "metrics:read", "actuator:write");
    }

    @Test
    void monitorsGetMetricsReadAndCannotAskForMore() {
        for (String monitor : List.of("prometheus", "observability")) {
            char[] secret = (monitor + "-dev-secret").toCharArray();
            assertThat(scopes(payload(tokens.serviceToken(ISSUER, monitor, secret, "metrics:read"))))
                    .containsExactly("metrics:read");
            for (String scope : List.of("promo:admin", "catalog:events", "dlq:admin", "actuator:write", "internal")) {
                assertThatThrownBy(() -> tokens.serviceToken(ISSUER, monitor, secret, scope))
                        .as("%s asking for %s", monitor, scope)
                        .isInstanceOfSatisfying(TokenException.class, ex -> {
                            assertThat(ex.statusCode()).isEqualTo(400);
                            assertThat(ex).hasMessageContaining("invalid_scope");
                        });
            }
        }
    }

    @Test
    void removedClientsGetNoToken() {
        for (String removed : List.of("gateway", "cart-service")) {
            assertThatThrownBy(
                            () -> tokens.serviceToken(ISSUER, removed, (removed + "-dev-secret").toCharArray(), null))
                    .isInstanceOfSatisfying(
                            TokenException.class,
                            ex -> assertThat(ex.statusCode()).isEqualTo(401));
        }
        assertThat(jdbc.queryForList("SELECT client_id FROM oauth2_registered_client", String.class))
                .containsExactlyInAnyOrder(
                        "shopstack-web", "product-service", "operator", "observability", "prometheus");
    }

    @Test
    void wrongClientSecretIsUnauthorized() {
        assertThatThrownBy(() -> tokens.serviceToken(ISSUER, "product-service", "wrong".toCharArray(), null))
                .isInstanceOfSatisfying(
                        TokenException.class, ex -> assertThat(ex.statusCode()).isEqualTo(401));
    }

    @Test
    void clientsUsersAndAuthorizationsAreInTheDatabase() {
        RegisteredClient product = clients.findByClientId("product-service");
        assertThat(product).isNotNull();
        assertThat(product.getClientSecret()).startsWith("{bcrypt}$2a$");
        assertThat(users.loadUserByUsername("admin").getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_CUSTOMER");

        tokens.userToken(ISSUER, "bob", "bob-password".toCharArray());

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM oauth2_authorization WHERE principal_name = 'bob'"
                                + " AND registered_client_id = 'shopstack-web' AND access_token_value IS NOT NULL",
                        Integer.class))
                .isPositive();
    }

    @Test
    void servesOneStableRsaKeyThatSignsTheTokens() throws Exception {
        JWKSet served = JWKSet.parse(get("/oauth2/jwks").body());
        assertThat(served.getKeys()).hasSize(1); // local: one generated key, no previous key configured
        assertThat(served.getKeys().getFirst()).isInstanceOf(RSAKey.class);
        RSAKey key = (RSAKey) served.getKeys().getFirst();
        assertThat(key.isPrivate()).isFalse();

        SignedJWT token =
                SignedJWT.parse(tokens.serviceToken(ISSUER, "operator", "operator-dev-secret".toCharArray(), null));
        assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();

        // A restart loads the keys from the same file: same key.
        JWKSource<SecurityContext> recreated =
                new ImmutableJWKSet<>(SigningKeys.load(properties).all());
        List<JWK> keys = recreated.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        assertThat(keys).hasSize(1);
        assertThat(keys.getFirst().getKeyID()).isEqualTo(key.getKeyID());
        assertThat(keys.getFirst().toPublicJWK()).isEqualTo(key);
    }

    @Test
    void discoveryNamesTheIssuer() throws Exception {
        HttpResponse<String> response = get("/.well-known/openid-configuration");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(response.body())
                        .get("issuer")
                        .asString())
                .isEqualTo(ISSUER.toString());
    }

    /** The storefront's gateway refreshes its session's access token (15 min) with the refresh token (8 h). */
    @Test
    void theStorefrontClientRefreshesItsAccessToken() throws Exception {
        TokenClient.Tokens login =
                tokens.userTokens(ISSUER, "admin", "admin-password".toCharArray(), "openid cart catalog:write");
        assertThat(login.refreshToken()).isNotNull();

        HttpResponse<String> refreshed = http.send(
                HttpRequest.newBuilder(ISSUER.resolve("/oauth2/token"))
                        .header("Authorization", basic("shopstack-web", "shopstack-web-dev-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                                + URLEncoder.encode(login.refreshToken(), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        Map<?, ?> answer = JsonMapper.builder().build().readValue(refreshed.body(), Map.class);
        assertThat(scopes(payload((String) answer.get("access_token")))).contains("cart", "catalog:write");
    }

    /**
     * OIDC RP-initiated logout, as the storefront's sign-out ends the issuer's session: the ID token as hint, back to a
     * registered address. An address that is not registered is refused.
     */
    @Test
    void rpInitiatedLogoutSendsTheBrowserBackToARegisteredAddressOnly() throws Exception {
        String idToken = tokens.userTokens(ISSUER, "bob", "bob-password".toCharArray(), "openid cart")
                .idToken();

        HttpResponse<String> loggedOut = get("/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + URLEncoder.encode("http://localhost:8080/", StandardCharsets.UTF_8));
        assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(302);
        assertThat(loggedOut.headers().firstValue("Location")).hasValue("http://localhost:8080/");

        HttpResponse<String> elsewhere = get("/connect/logout?id_token_hint=" + idToken + "&post_logout_redirect_uri="
                + URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8));
        assertThat(elsewhere.statusCode()).isNotEqualTo(302);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthIsPublicOtherActuatorEndpointsAreNot() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(401);
    }

    @Test
    void prometheusScrapesTheIssuersMetricsWithAMetricsReadToken() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        String product = tokens.serviceToken(
                ISSUER, "product-service", "product-service-dev-secret".toCharArray(), "catalog:events");
        assertThat(get("/actuator/prometheus", product).statusCode()).isEqualTo(403);
        String prometheus =
                tokens.serviceToken(ISSUER, "prometheus", "prometheus-dev-secret".toCharArray(), "metrics:read");
        HttpResponse<String> metrics = get("/actuator/prometheus", prometheus);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        assertThat(metrics.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(ISSUER.resolve(path))
                        .header("Authorization", "Bearer " + bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(ISSUER.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readValue(json, Map.class);
    }

    /** RFC 7519 allows a single audience as a string (Nimbus writes it so) or an array; both mean the same. */
    @SuppressWarnings("unchecked")
    private static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof String single ? List.of(single) : (List<String>) aud;
    }

    @SuppressWarnings("unchecked")
    private static List<String> scopes(Map<String, Object> claims) {
        return (List<String>) claims.get("scope");
    }

    private static long number(Map<String, Object> claims, String name) {
        return ((Number) claims.get(name)).longValue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

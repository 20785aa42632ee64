package io.shopstack.testsupport;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A token issuer for tests: a real RSA key, its JWK set served over HTTP on a free port, and tokens good and bad
 * (expired, wrong issuer or audience, another key, {@code alg: none}). {@link #register} points a Spring test's
 * resource server at it.
 */
public final class TestTokenIssuer implements AutoCloseable {

    public static final String ISSUER = "http://issuer.shopstack.test";
    public static final String AUDIENCE = "shopstack";

    private final RSAKey key;
    private final RSAKey otherKeySameId;
    private final HttpServer server;

    public TestTokenIssuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        otherKeySameId = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    public JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE))
                .subject(subject)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    public String valid(String subject, String scope) {
        return sign(claims(subject, scope).build(), key);
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed correctly, but expired an hour ago. */
    public String expired(String subject, String scope) {
        Instant past = Instant.now().minusSeconds(3600);
        return sign(claims(subject, scope)
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))
                .build());
    }

    /** Signed with a different key that claims the issuer's key id. */
    public String signedWithAnotherKey(String subject, String scope) {
        return sign(claims(subject, scope).build(), otherKeySameId);
    }

    public String unsigned(String subject, String scope) {
        return new PlainJWT(claims(subject, scope).build()).serialize();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    /** A token for {@code subject} with the given space-separated scopes, valid for five minutes. */
    public String token(String subject, String scope) {
        return valid(subject, scope);
    }

    /** Points the resource server of a Spring test at this issuer (call from a {@code @DynamicPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this::jwkSetUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    /** A started issuer, or an unchecked failure (for static initialisers). */
    public static TestTokenIssuer start() {
        try {
            return new TestTokenIssuer();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test token issuer", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

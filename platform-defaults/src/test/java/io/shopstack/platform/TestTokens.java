package io.shopstack.platform;

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

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** An issuer for tests: a real RSA key, its JWK set served over HTTP, and tokens good and bad. */
final class TestTokens implements AutoCloseable {

    static final String ISSUER = "http://issuer.shopstack.test";
    static final String AUDIENCE = "shopstack";

    private final RSAKey key;
    private final RSAKey otherKeySameId;
    private final HttpServer server;

    TestTokens() throws Exception {
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

    String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(AUDIENCE)).subject(subject)
                .claim("scope", scope).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    String valid(String subject, String scope) throws Exception {
        return sign(claims(subject, scope).build(), key);
    }

    String sign(JWTClaimsSet claims) throws Exception {
        return sign(claims, key);
    }

    String signedWithAnotherKey(String subject, String scope) throws Exception {
        return sign(claims(subject, scope).build(), otherKeySameId);
    }

    String unsigned(String subject, String scope) {
        return new PlainJWT(claims(subject, scope).build()).serialize();
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

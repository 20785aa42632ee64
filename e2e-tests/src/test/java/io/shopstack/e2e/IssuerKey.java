package io.shopstack.e2e;

import com.jayway.jsonpath.JsonPath;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local issuer's own signing key, read from the platform's state folder ({@code <SHOPSTACK_HOME>/auth}), to sign
 * tokens that carry the real signature but wrong claims: then the signature check is not what rejects them, and the
 * test shows that the audience, issuer and expiry checks do.
 */
final class IssuerKey {

    private IssuerKey() {}

    /** {@code claims} signed RS256 with the issuer's current key (the kid of a token it issued just now). */
    static String sign(String claims) throws Exception {
        String kid = JsonPath.read(decode(PlatformTest.userToken("alice").split("\\.")[0]), "$.kid");
        Map<String, Object> jwk = privateJwk(kid);
        String input = b64("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey(jwk));
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static Map<String, Object> privateJwk(String kid) throws Exception {
        Path folder = PlatformTest.platform.home.resolve("auth");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String json = Files.readString(file);
                List<Map<String, Object>> keys = json.contains("\"keys\"")
                        ? JsonPath.read(json, "$.keys[*]")
                        : List.of(JsonPath.<Map<String, Object>>read(json, "$"));
                for (Map<String, Object> key : keys) {
                    if (kid.equals(key.get("kid")) && key.containsKey("d")) {
                        return key;
                    }
                }
            }
        }
        throw new IllegalStateException("no private key with kid " + kid + " under " + folder);
    }

    private static PrivateKey privateKey(Map<String, Object> jwk) throws Exception {
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateCrtKeySpec(
                        number(jwk, "n"),
                        number(jwk, "e"),
                        number(jwk, "d"),
                        number(jwk, "p"),
                        number(jwk, "q"),
                        number(jwk, "dp"),
                        number(jwk, "dq"),
                        number(jwk, "qi")));
    }

    private static BigInteger number(Map<String, Object> jwk, String name) {
        return new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get(name)));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

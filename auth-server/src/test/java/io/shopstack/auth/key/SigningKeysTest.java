package io.shopstack.auth.key;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.shopstack.auth.AuthProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void withoutGenerationAMissingKeyFileStopsTheStartAndNothingIsCreated() {
        Path missing = dir.resolve("signing.pem");

        assertThatThrownBy(() -> SigningKeys.load(properties(missing, null, false)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
        assertThatIllegalStateException()
                .isThrownBy(() -> SigningKeys.load(properties(null, null, false)))
                .withMessageContaining("shopstack.auth.jwk-file is not set");
    }

    @Test
    void aPemKeyIsNamedByItsThumbprintTheSameOnEveryLoad() throws Exception {
        Path pem = writePem(dir.resolve("current.pem"));

        RSAKey first = JwkFile.load(pem, true);
        RSAKey second = JwkFile.load(pem, true);

        assertThat(first.isPrivate()).isTrue();
        assertThat(first.getKeyID()).isEqualTo(first.computeThumbprint().toString());
        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
    }

    @Test
    void publishesCurrentAndPreviousButSignsWithTheCurrentOnly() throws Exception {
        Path previousFile = dir.resolve("previous.json");
        RSAKey previous = JwkFile.loadOrCreate(previousFile);
        Path currentFile = writePem(dir.resolve("current.pem"));

        SigningKeys keys = SigningKeys.load(properties(currentFile, previousFile, false));

        assertThat(keys.all().getKeys())
                .extracting(key -> key.getKeyID())
                .containsExactly(keys.current().getKeyID(), previous.getKeyID());
        assertThat(keys.all().toPublicJWKSet().getKeys()).noneMatch(key -> key.isPrivate());
        assertThat(keys.previous().orElseThrow().isPrivate()).isFalse(); // only its public half is kept
        assertThat(keys.signing().getKeys())
                .extracting(key -> key.getKeyID())
                .containsExactly(keys.current().getKeyID());
    }

    @Test
    void thePreviousKeyMayBePublicButTheCurrentMustBePrivate() throws Exception {
        RSAKey key = JwkFile.loadOrCreate(dir.resolve("generated.json"));
        Path publicOnly = dir.resolve("public.json");
        Files.writeString(publicOnly, new JWKSet(key.toPublicJWK()).toString(false));
        Path current = writePem(dir.resolve("current.pem"));

        assertThat(SigningKeys.load(properties(current, publicOnly, false)).previous())
                .hasValueSatisfying(previous -> assertThat(previous.getKeyID()).isEqualTo(key.getKeyID()));
        assertThatIllegalStateException()
                .isThrownBy(() -> SigningKeys.load(properties(publicOnly, null, false)))
                .withMessageContaining("private RSA key");
    }

    @Test
    void theSameKeyAsCurrentAndPreviousIsRefused() throws Exception {
        Path current = writePem(dir.resolve("current.pem"));

        assertThatIllegalStateException()
                .isThrownBy(() -> SigningKeys.load(properties(current, current, false)))
                .withMessageContaining("same kid");
    }

    /** What {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048} writes: PKCS#8 PEM. */
    static Path writePem(Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return file;
    }

    private static AuthProperties properties(Path current, Path previous, boolean generate) {
        return new AuthProperties(
                "http://issuer.test",
                "shopstack",
                current,
                previous,
                generate,
                Map.of(),
                Map.of(),
                null,
                List.of(),
                new AuthProperties.LoginThrottle(5, 20, null, null, null));
    }
}

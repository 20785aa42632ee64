package io.shopstack.auth.key;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwkFileTest {

    @TempDir
    Path dir;

    @Test
    void generatesOnceThenReusesTheKey() throws Exception {
        Path file = dir.resolve("nested/auth/jwk.json");

        RSAKey first = JwkFile.loadOrCreate(file);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(JWKSet.parse(Files.readString(file)).getKeys()).hasSize(1);
        assertThat(first.isPrivate()).isTrue();
        assertThat(first.getKeyID()).isNotBlank();

        RSAKey second = JwkFile.loadOrCreate(file);
        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second.toPublicJWK()).isEqualTo(first.toPublicJWK());
        assertThat(second.toPrivateKey()).isEqualTo(first.toPrivateKey());
        assertThat(dir.resolve("nested/auth"))
                .isDirectoryContaining(path -> path.equals(file))
                .satisfies(folder -> assertThat(Files.list(folder)).hasSize(1)); // no temporary files left behind
    }

    @Test
    void refusesAnInvalidFileInsteadOfReplacingIt() throws Exception {
        Path file = dir.resolve("jwk.json");
        Files.writeString(file, "not json");

        assertThatIllegalStateException()
                .isThrownBy(() -> JwkFile.loadOrCreate(file))
                .withMessageContaining(file.toString());
        assertThat(file).hasContent("not json");
    }

    @Test
    void refusesAPublicOnlyKey() throws Exception {
        Path file = dir.resolve("jwk.json");
        RSAKey key = JwkFile.loadOrCreate(file);
        Files.writeString(file, new JWKSet(key.toPublicJWK()).toString(false));

        assertThatIllegalStateException()
                .isThrownBy(() -> JwkFile.loadOrCreate(file))
                .withMessageContaining("private RSA key");
    }
}

package io.shopstack.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The signing key, kept in a JWK set file so that tokens stay valid across restarts: generated (RSA 2048) on first
 * use, read on every later start. The file holds the private key and is written with permissions 600.
 * An unreadable or invalid file stops the start instead of being replaced: a new key would silently invalidate
 * every token issued so far.
 */
public final class JwkFile {

    private static final Logger log = LoggerFactory.getLogger(JwkFile.class);

    private JwkFile() {}

    public static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            write(file, new JWKSet(key).toString(false));
            log.info("Generated a new RSA signing key {} in {}", key.getKeyID(), file);
            return key;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or write the signing key file " + file, ex);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA signing key", ex);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            JWKSet set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (set.getKeys().size() != 1 || !(set.getKeys().getFirst() instanceof RSAKey key) || !key.isPrivate()) {
                throw new IllegalStateException("The signing key file " + file
                        + " must hold exactly one private RSA key; move it away to generate a new key");
            }
            log.info("Using RSA signing key {} from {}", key.getKeyID(), file);
            return key;
        } catch (ParseException ex) {
            throw new IllegalStateException(
                    "The signing key file " + file + " is not a valid JWK set (" + ex.getMessage()
                            + "); move it away to generate a new key",
                    ex);
        }
    }

    private static void write(Path file, String json) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(
                        dir,
                        ".jwk",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".jwk", ".tmp");
        try {
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

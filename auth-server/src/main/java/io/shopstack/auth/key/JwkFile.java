package io.shopstack.auth.key;

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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * An RSA signing key in a file, in one of two formats:
 * <ul>
 * <li>a JWK set with exactly one RSA key (what {@link #loadOrCreate} writes; its {@code kid} is kept), or</li>
 * <li>a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes and what a
 * secret store usually holds); its {@code kid} is the key's RFC 7638 thumbprint, so every instance and every restart
 * names it the same.</li>
 * </ul>
 * An unreadable or invalid file stops the start instead of being replaced: a new key would silently invalidate every
 * token issued so far.
 */
public final class JwkFile {

    private static final Logger log = LoggerFactory.getLogger(JwkFile.class);
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private JwkFile() {}

    /** Local development: the key in {@code file}, generated (RSA 2048, file mode 600) on first use. */
    public static RSAKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return load(file, true);
        }
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            write(file, new JWKSet(key).toString(false));
            log.info("Generated a new RSA signing key {} in {}", key.getKeyID(), file);
            return key;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the signing key file " + file, ex);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA signing key", ex);
        }
    }

    /**
     * The key in {@code file}, which must exist. With {@code requirePrivate} false a public RSA key is accepted too
     * (a previous key is only published, never used to sign).
     */
    public static RSAKey load(Path file, boolean requirePrivate) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the signing key file " + file, ex);
        }
        RSAKey key = content.startsWith(PEM_BEGIN) ? fromPem(content, file) : fromJwkSet(content, file);
        if (requirePrivate && !key.isPrivate()) {
            throw new IllegalStateException(
                    "The signing key file " + file + " must hold exactly one private RSA key; it holds a public key");
        }
        return key;
    }

    private static RSAKey fromJwkSet(String content, Path file) {
        try {
            JWKSet set = JWKSet.parse(content);
            if (set.getKeys().size() != 1 || !(set.getKeys().getFirst() instanceof RSAKey key)) {
                throw new IllegalStateException(
                        "The signing key file " + file + " must hold exactly one private RSA key");
            }
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                return new RSAKey.Builder(key).keyIDFromThumbprint().build();
            }
            return key;
        } catch (ParseException ex) {
            throw new IllegalStateException(
                    "The signing key file " + file + " is neither a JWK set nor a PKCS#8 PEM private key ("
                            + ex.getMessage() + ")",
                    ex);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot compute the key id of " + file, ex);
        }
    }

    private static RSAKey fromPem(String content, Path file) {
        int end = content.indexOf(PEM_END);
        if (end < 0) {
            throw new IllegalStateException("The signing key file " + file + " has no " + PEM_END + " line");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(content.substring(PEM_BEGIN.length(), end));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey privateKey)) {
                throw new IllegalStateException("The signing key file " + file + " is not an RSA private key");
            }
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .keyIDFromThumbprint()
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException(
                    "The signing key file " + file + " is not a valid PKCS#8 RSA private key (" + ex.getMessage() + ")",
                    ex);
        } catch (JOSEException ex) {
            throw new IllegalStateException("Cannot compute the key id of " + file, ex);
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

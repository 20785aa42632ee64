package io.shopstack.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.shopstack.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key tokens are signed with ({@code current}, private) and the one before the last rotation ({@code previous},
 * only its public part is kept): both are published in the JWK set, so a token signed before the rotation validates
 * until it expires, while every new token carries the current key's {@code kid}.
 */
public record SigningKeys(RSAKey current, Optional<RSAKey> previous) {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    public SigningKeys {
        if (!current.isPrivate()) {
            throw new IllegalStateException("The current signing key must be a private key");
        }
        previous = previous.map(RSAKey::toPublicJWK);
        if (previous.isPresent() && previous.get().getKeyID().equals(current.getKeyID())) {
            throw new IllegalStateException("The previous signing key has the same kid as the current one ("
                    + current.getKeyID() + "): after a rotation the previous key is the one signed with before");
        }
    }

    /**
     * The keys {@code shopstack.auth.jwk-file} / {@code previous-jwk-file} name. The current key is generated only
     * with {@code generate-jwk} (local); otherwise a missing file stops the start.
     */
    public static SigningKeys load(AuthProperties properties) {
        Path currentFile = properties.jwkFile();
        if (currentFile == null || currentFile.toString().isBlank()) {
            throw new IllegalStateException("shopstack.auth.jwk-file is not set (the current signing key)");
        }
        RSAKey current = properties.generateJwk() ? JwkFile.loadOrCreate(currentFile) : JwkFile.load(currentFile, true);
        Path previousFile = properties.previousJwkFile();
        Optional<RSAKey> previous =
                previousFile == null || previousFile.toString().isBlank()
                        ? Optional.empty()
                        : Optional.of(JwkFile.load(previousFile, false));
        SigningKeys keys = new SigningKeys(current, previous);
        log.info(
                "Signing with key {} from {}{}",
                current.getKeyID(),
                currentFile,
                previous.map(key -> "; also publishing previous key " + key.getKeyID() + " from " + previousFile)
                        .orElse(""));
        return keys;
    }

    /** Current (with its private part, for signing and /userinfo) and previous key: the JWK set endpoint's source. */
    public JWKSet all() {
        List<JWK> keys = new ArrayList<>();
        keys.add(current);
        previous.ifPresent(keys::add);
        return new JWKSet(keys);
    }

    /** The current key alone: the token encoder's source, so it never has to choose between two RS256 keys. */
    public JWKSet signing() {
        return new JWKSet(current);
    }
}

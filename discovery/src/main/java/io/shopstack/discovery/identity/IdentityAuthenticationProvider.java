package io.shopstack.discovery.identity;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP basic against the identities' bcrypt hashes. Every Eureka client authenticates each renewal and registry fetch
 * (every 2 s locally), and a bcrypt check costs tens of milliseconds: after one successful check the password's HMAC
 * under a key that lives only in this process is remembered, so the same password is then recognised with one HMAC.
 * A wrong password always costs a full bcrypt check, as does an unknown user.
 */
public final class IdentityAuthenticationProvider implements AuthenticationProvider {

    private final Map<String, DiscoveryIdentities.Identity> identities;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    /** Makes an unknown user take as long as a wrong password. */
    private final String unknownUserHash = bcrypt.encode("no such identity");

    private final SecretKeySpec verifiedKey;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    public IdentityAuthenticationProvider(DiscoveryIdentities identities) {
        this.identities = identities.identities();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.verifiedKey = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        DiscoveryIdentities.Identity identity = identities.get(name);
        if (identity == null) {
            bcrypt.matches(password, unknownUserHash);
            throw new BadCredentialsException("Bad credentials");
        }
        byte[] mac = mac(name, password);
        byte[] known = verified.get(name);
        if (known == null || !MessageDigest.isEqual(known, mac)) {
            if (!bcrypt.matches(password, identity.bcryptHash())) {
                throw new BadCredentialsException("Bad credentials");
            }
            verified.put(name, mac);
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                name, null, List.of(identity.access().authority()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String name, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(verifiedKey);
            hmac.update(name.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

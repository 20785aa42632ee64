package io.shopstack.auth;

import java.util.regex.Pattern;

/** Secrets in configuration and in the user table are bcrypt hashes only. */
public final class PasswordHashes {

    /** {@code {bcrypt}} and a well-formed modular-crypt bcrypt hash ($2a$/$2b$/$2y$, cost, 53 characters). */
    private static final Pattern BCRYPT = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private PasswordHashes() {}

    public static boolean isBcrypt(String value) {
        return value != null && BCRYPT.matcher(value).matches();
    }

    /**
     * The value if it is a {@code {bcrypt}} hash; otherwise the start fails, naming the setting but never echoing
     * the value (it may be a plain secret).
     */
    public static String requireBcrypt(String value, String what) {
        if (!isBcrypt(value)) {
            throw new IllegalStateException(what + " must be a bcrypt hash with its id prefix ({bcrypt}$2a$10$...);"
                    + " plain or other secrets are refused");
        }
        return value;
    }
}

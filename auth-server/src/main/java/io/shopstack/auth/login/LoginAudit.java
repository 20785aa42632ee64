package io.shopstack.auth.login;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One line per failed sign-in on logger {@code shopstack.audit.login}: the account name as typed (quoted, with every
 * control character escaped, so a name holding CR/LF cannot forge log lines), the client address and the reason.
 * Never the password, never a token.
 */
final class LoginAudit {

    static final String LOGGER = "shopstack.audit.login";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_NAME_LENGTH = 100;

    void failed(String username, String address, FailureReason reason, Duration blockedFor) {
        if (blockedFor == null) {
            log.warn("login failed: user={} address={} reason={}", quote(username), quote(address), reason);
        } else {
            log.warn(
                    "login failed: user={} address={} reason={} blocked_for={}s",
                    quote(username),
                    quote(address),
                    reason,
                    Math.max(1, blockedFor.toSeconds()));
        }
    }

    /** A JSON-like quoted string: {@code \"}, {@code \\} and {@code \\uXXXX} for control and line-separator chars. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX_NAME_LENGTH ? value.substring(0, MAX_NAME_LENGTH) + "..." : value;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append("\\u%04x".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}

package io.shopstack.auth.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who tried to sign in, as the throttle keys it: the account name as typed (lower-cased, so that "Alice" and "alice"
 * share their failures; unknown names are throttled like known ones, which tells an attacker nothing) and the
 * client address (an IPv6 client by its /64, which one host usually holds whole).
 */
record LoginAttempt(String account, String address) {

    static final int MAX_LENGTH = 200;
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%.*)?");

    static LoginAttempt of(String username, String remoteAddress) {
        String account = truncate(username == null ? "" : username.toLowerCase(Locale.ROOT));
        return new LoginAttempt(account, addressKey(remoteAddress));
    }

    static String addressKey(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String address = remoteAddress.strip();
        // Only a literal is parsed (InetAddress does no name lookup for one); anything else is kept as given.
        if (address.indexOf(':') >= 0 && IPV6_LITERAL.matcher(address).matches()) {
            try {
                byte[] bytes =
                        InetAddress.getByName(address.replaceFirst("%.*", "")).getAddress();
                if (bytes.length == 16) {
                    return "%x:%x:%x:%x::/64".formatted(word(bytes, 0), word(bytes, 2), word(bytes, 4), word(bytes, 6));
                }
                return InetAddress.getByAddress(bytes).getHostAddress(); // an IPv4-mapped address
            } catch (UnknownHostException ex) {
                return truncate(address);
            }
        }
        return truncate(address);
    }

    private static int word(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }

    private static String truncate(String value) {
        return value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    }
}

package io.shopstack.gateway.ratelimit;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * IP literals as the rate limiter sees them: parsed without any name lookup, IPv4-mapped IPv6 treated as IPv4, and
 * an IPv6 client keyed by its /64 (one customer network usually gets a whole /64, so per-address buckets would give
 * each client 2^64 of them).
 */
final class IpAddresses {

    /** Longer than any IP literal, with brackets, zone and port: anything longer is not one (and is not parsed). */
    private static final int MAX_LITERAL = 64;

    private IpAddresses() {}

    /**
     * The address an IP literal stands for (4 or 16 bytes), or null when the text is not an IP literal (a name, an
     * obfuscation such as {@code unknown} or {@code _hidden}, garbage). Accepts {@code 192.0.2.1},
     * {@code 192.0.2.1:443}, {@code 2001:db8::1}, {@code [2001:db8::1]} and {@code [2001:db8::1]:443}. Never resolves a
     * name: parsing is Netty's literal parser, not {@code InetAddress.getByName}.
     */
    static byte[] parseLiteral(String text) {
        if (text == null) {
            return null;
        }
        String literal = text.trim();
        if (literal.isEmpty() || literal.length() > MAX_LITERAL) {
            return null;
        }
        if (literal.charAt(0) == '[') {
            int end = literal.indexOf(']');
            if (end < 0 || !isPortSuffix(literal.substring(end + 1), true)) {
                return null;
            }
            literal = literal.substring(1, end);
        } else {
            int colon = literal.indexOf(':');
            if (colon > 0 && colon == literal.lastIndexOf(':')) {
                // exactly one colon: an IPv4 address with a port (an IPv6 literal has at least two)
                if (!isPortSuffix(literal.substring(colon), false)) {
                    return null;
                }
                literal = literal.substring(0, colon);
                if (!NetUtil.isValidIpV4Address(literal)) {
                    return null;
                }
            }
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(literal);
        return address == null ? null : unmapped(address);
    }

    /** An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) as the IPv4 address it is; anything else unchanged. */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }

    /** The rate-limit identity of a client address: an IPv4 address itself, an IPv6 address its /64. */
    static String clientKey(byte[] address) {
        byte[] client = unmapped(address);
        if (client.length == 4) {
            return NetUtil.bytesToIpAddress(client);
        }
        byte[] prefix = Arrays.copyOf(client, 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }

    private static boolean isPortSuffix(String suffix, boolean optional) {
        if (suffix.isEmpty()) {
            return optional;
        }
        if (suffix.charAt(0) != ':' || suffix.length() < 2 || suffix.length() > 6) {
            return false;
        }
        for (int i = 1; i < suffix.length(); i++) {
            char c = suffix.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

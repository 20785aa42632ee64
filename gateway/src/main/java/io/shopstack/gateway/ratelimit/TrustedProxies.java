package io.shopstack.gateway.ratelimit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The reverse proxies in front of the gateway ({@code shopstack.gateway.trusted-proxies}: CIDR blocks or single
 * addresses, IPv4 and IPv6), and the client address they vouch for.
 * <p>
 * {@code X-Forwarded-For} is read only when the TCP peer is a trusted proxy. It is then walked from the right (the
 * entry the nearest proxy appended) while the entries are trusted proxies; the client is the first entry that is not.
 * The walk stops at the last trusted hop when an entry is not an IP literal (a name, {@code unknown}, garbage, empty)
 * or when the entries run out. Entries left of the client were written by the client or by proxies nobody vouches for,
 * so they never count. {@code Forwarded} (RFC 7239) is deliberately not read: a proxy that appends to one header
 * passes the other through from the client unchanged, so reading both would let a client choose its address.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<Block> blocks;
    private final List<String> configured;

    private TrustedProxies(List<Block> blocks, List<String> configured) {
        this.blocks = blocks;
        this.configured = configured;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses the configured list; blank elements are ignored.
     *
     * @throws IllegalArgumentException naming the first element that is not an IP address or CIDR block
     */
    public static TrustedProxies parse(Collection<String> cidrs) {
        if (cidrs == null) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        List<String> configured = new ArrayList<>();
        for (String cidr : cidrs) {
            if (cidr == null || cidr.isBlank()) {
                continue;
            }
            blocks.add(Block.parse(cidr.trim()));
            configured.add(cidr.trim());
        }
        return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(blocks), List.copyOf(configured));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether the address (4 or 16 bytes; IPv4-mapped IPv6 counts as IPv4) is a trusted proxy. */
    boolean trusts(byte[] address) {
        byte[] unmapped = IpAddresses.unmapped(address);
        for (Block block : blocks) {
            if (block.contains(unmapped)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address: the TCP peer, or, when the peer is a trusted proxy, what {@code X-Forwarded-For} says as
     * far as trusted proxies vouch for it (see the class comment).
     *
     * @param peer the TCP peer's address (4 or 16 bytes)
     * @param forwardedFor the {@code X-Forwarded-For} header lines, in the order received (none: an empty list)
     */
    public byte[] clientAddress(byte[] peer, List<String> forwardedFor) {
        byte[] client = IpAddresses.unmapped(peer);
        if (blocks.isEmpty() || !trusts(client) || forwardedFor == null || forwardedFor.isEmpty()) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",", -1)) {
                hops.add(hop);
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parseLiteral(hops.get(i));
            if (hop == null) {
                return client; // not an address: the last trusted hop is as far as anyone vouches
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    @Override
    public String toString() {
        return configured.isEmpty() ? "none" : String.join(",", configured);
    }

    /** One CIDR block; an address without a prefix length is a block of one. */
    private record Block(byte[] network, int prefixLength) {

        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] network = IpAddresses.parseLiteral(address);
            if (network == null || address.contains("[") || address.contains("%") || isWithPort(address)) {
                throw invalid(cidr);
            }
            int bits = network.length * 8;
            int prefixLength = bits;
            if (slash >= 0) {
                String length = cidr.substring(slash + 1);
                if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw invalid(cidr);
                }
                prefixLength = Integer.parseInt(length);
                // ::ffff:10.0.0.0/104 was unmapped to 10.0.0.0: its prefix length counts the 96 mapped bits too
                if (network.length == 4 && address.contains(":")) {
                    prefixLength -= 96;
                }
                if (prefixLength < 0 || prefixLength > bits) {
                    throw invalid(cidr);
                }
            }
            return new Block(masked(network, prefixLength), prefixLength);
        }

        private static boolean isWithPort(String address) {
            int colon = address.indexOf(':');
            return colon > 0 && colon == address.lastIndexOf(':');
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }

        private static byte[] masked(byte[] address, int prefixLength) {
            byte[] network = address.clone();
            for (int bit = prefixLength; bit < network.length * 8; bit++) {
                network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return network;
        }

        private static IllegalArgumentException invalid(String cidr) {
            return new IllegalArgumentException("shopstack.gateway.trusted-proxies: '" + cidr
                    + "' is not an IP address or CIDR block (expected e.g. 10.0.0.0/8, 192.0.2.10 or fd00::/8; a"
                    + " hop count is no longer accepted, and names are not resolved)");
        }
    }
}

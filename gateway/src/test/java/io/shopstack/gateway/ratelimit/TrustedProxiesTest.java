package io.shopstack.gateway.ratelimit;

import io.shopstack.gateway.GatewaySettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CIDR matching and the X-Forwarded-For walk. */
@Tag("unit")
class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.10"));

    @Test
    void cidrBlocksMatchIpv4AndIpv6AndSingleAddresses() {
        assertThat(PROXIES.trusts(ip("10.0.0.0"))).isTrue();
        assertThat(PROXIES.trusts(ip("10.255.255.255"))).isTrue();
        assertThat(PROXIES.trusts(ip("11.0.0.0"))).isFalse();
        assertThat(PROXIES.trusts(ip("9.255.255.255"))).isFalse();
        assertThat(PROXIES.trusts(ip("fd12:3456::1"))).isTrue();
        assertThat(PROXIES.trusts(ip("fe00::1"))).isFalse();
        assertThat(PROXIES.trusts(ip("192.0.2.10"))).isTrue();
        assertThat(PROXIES.trusts(ip("192.0.2.11"))).isFalse();
        // an IPv4-mapped IPv6 peer is the IPv4 address it carries
        assertThat(PROXIES.trusts(ip("::ffff:10.1.2.3"))).isTrue();
    }

    @Test
    void prefixLengthsThatAreNotWholeBytesAndHostBitsAreHandled() {
        TrustedProxies proxies =
                TrustedProxies.parse(List.of("172.16.0.0/12", "192.168.1.77/31", "2001:db8:8000::/33"));

        assertThat(proxies.trusts(ip("172.31.255.255"))).isTrue();
        assertThat(proxies.trusts(ip("172.32.0.0"))).isFalse();
        assertThat(proxies.trusts(ip("192.168.1.76"))).isTrue(); // host bits of the configured block are masked
        assertThat(proxies.trusts(ip("192.168.1.77"))).isTrue();
        assertThat(proxies.trusts(ip("192.168.1.78"))).isFalse();
        assertThat(proxies.trusts(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(proxies.trusts(ip("2001:db8:7fff::1"))).isFalse();
        assertThat(TrustedProxies.parse(List.of("::ffff:10.0.0.0/104")).trusts(ip("10.9.9.9")))
                .isTrue();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts(ip("203.0.113.1")))
                .isTrue();
        assertThat(TrustedProxies.parse(List.of("0.0.0.0/0")).trusts(ip("2001:db8::1")))
                .isFalse();
    }

    @Test
    void anEmptyListTrustsNoOneAndBlankElementsAreIgnored() {
        assertThat(TrustedProxies.parse(List.of()).isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(List.of(" ", "")).isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(List.of(" 10.0.0.0/8 ", "")).trusts(ip("10.1.1.1")))
                .isTrue();
    }

    @Test
    void anythingButAnAddressOrCidrBlockIsRefusedNamingIt() {
        for (String bad : List.of(
                "0", // the old hop count
                "1",
                "10.0.0.0/33",
                "fd00::/129",
                "10.0.0.0/",
                "10.0.0.0/-1",
                "10.0.0.0/8x",
                "10.0.0/8",
                "proxy.internal",
                "localhost",
                "10.0.0.1:80",
                "[fd00::1]",
                "fd00::1%eth0",
                "*")) {
            assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/8", bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shopstack.gateway.trusted-proxies: '" + bad + "'")
                    .hasMessageContaining("not an IP address or CIDR block");
        }
    }

    @Test
    void theSettingBindsFromACommaSeparatedValueAndABadBlockFailsTheBinding() {
        GatewaySettings settings = bind("10.0.0.0/8, fd00::/8");
        assertThat(settings.trustedProxyBlocks().trusts(ip("fd00::1"))).isTrue();
        assertThat(settings.trustedProxyBlocks().trusts(ip("10.0.0.1"))).isTrue();
        assertThat(bind("").trustedProxyBlocks().isEmpty()).isTrue();

        assertThatThrownBy(() -> bind("10.0.0.0/8,10.0.0.0/40"))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining(
                        "shopstack.gateway.trusted-proxies: '10.0.0.0/40' is not an IP address or CIDR block");

        // a refresh rebinds the same instance: a bad list fails and the previous one stays in force
        assertThatThrownBy(() -> bind(settings, "proxy.internal")).isInstanceOf(BindException.class);
        assertThat(settings.trustedProxyBlocks().trusts(ip("10.0.0.1"))).isTrue();
        assertThat(settings.getTrustedProxies()).containsExactly("10.0.0.0/8", "fd00::/8");
    }

    @Test
    void xForwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
        assertThat(client(PROXIES, "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(client(TrustedProxies.none(), "10.0.0.1", "198.51.100.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        // the client wrote "6.6.6.6" itself; the proxies appended 198.51.100.1 and 10.1.1.1
        assertThat(client(PROXIES, "10.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.1.1"))
                .isEqualTo("198.51.100.1");
        // several header lines count as one list, in order
        assertThat(client(PROXIES, "10.0.0.1", "6.6.6.6", "198.51.100.1,10.1.1.1"))
                .isEqualTo("198.51.100.1");
        assertThat(client(PROXIES, "fd00::1", "2001:db8:0:7::1, fd00::2")).isEqualTo("2001:db8:0:7::/64");
        assertThat(client(PROXIES, "10.0.0.1", "[2001:db8:0:7::1]:4711")).isEqualTo("2001:db8:0:7::/64");
        assertThat(client(PROXIES, "10.0.0.1", "198.51.100.1:4711")).isEqualTo("198.51.100.1");
        assertThat(client(PROXIES, "10.0.0.1", "::ffff:198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void whenEveryHopIsATrustedProxyTheLeftMostIsTheClient() {
        assertThat(client(PROXIES, "10.0.0.1", "10.0.0.3, 10.0.0.2")).isEqualTo("10.0.0.3");
    }

    @Test
    void anEntryThatIsNotAnIpLiteralEndsTheWalkAtTheLastTrustedHop() {
        for (String notAnAddress :
                List.of("client.example", "localhost", "unknown", "_hidden", "", " ", "1.2.3", "1.2.3.4.5", "x::y")) {
            assertThat(client(PROXIES, "10.0.0.1", "198.51.100.1, " + notAnAddress))
                    .as(notAnAddress)
                    .isEqualTo("10.0.0.1");
            assertThat(client(PROXIES, "10.0.0.1", "198.51.100.1, " + notAnAddress + ", 10.0.0.2"))
                    .as(notAnAddress)
                    .isEqualTo("10.0.0.2");
        }
        // left of the client, anything goes: it is never looked at
        assertThat(client(PROXIES, "10.0.0.1", "garbage, 198.51.100.1")).isEqualTo("198.51.100.1");
    }

    static String client(TrustedProxies proxies, String peer, String... forwardedFor) {
        return IpAddresses.clientKey(proxies.clientAddress(ip(peer), Arrays.asList(forwardedFor)));
    }

    static byte[] ip(String literal) {
        byte[] address = IpAddresses.parseLiteral(literal);
        assertThat(address).as(literal).isNotNull();
        return address;
    }

    private static GatewaySettings bind(String trustedProxies) {
        return bind(new GatewaySettings(), trustedProxies);
    }

    private static GatewaySettings bind(GatewaySettings settings, String trustedProxies) {
        var source = new MapConfigurationPropertySource(Map.of("shopstack.gateway.trusted-proxies", trustedProxies));
        return new Binder(source)
                .bind("shopstack.gateway", Bindable.ofInstance(settings))
                .get();
    }
}

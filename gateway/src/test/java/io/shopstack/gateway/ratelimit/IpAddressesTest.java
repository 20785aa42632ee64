package io.shopstack.gateway.ratelimit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Literal parsing (never a lookup), /64 grouping, IPv4-mapped addresses. */
@Tag("unit")
class IpAddressesTest {

    @Test
    void ipv4ClientsAreKeyedByTheirFullAddress() {
        assertThat(key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(key("203.0.113.8")).isEqualTo("203.0.113.8");
    }

    @Test
    void ipv6ClientsInOneSlash64ShareAKey() {
        assertThat(key("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:db8:1:2:ffff:ffff:ffff:fffe")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:DB8:1:2:a:b:c:d")).isEqualTo("2001:db8:1:2::/64");
        assertThat(key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(key("::1")).isEqualTo("::/64");
    }

    @Test
    void ipv4MappedIpv6IsTheIpv4Address() {
        assertThat(key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(key("::ffff:cb00:7107")).isEqualTo("203.0.113.7");
        assertThat(key("[::ffff:203.0.113.7]:443")).isEqualTo("203.0.113.7");
    }

    @Test
    void onlyIpLiteralsParse() {
        assertThat(IpAddresses.parseLiteral(" 192.0.2.1 ")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parseLiteral("192.0.2.1:8080")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parseLiteral("[2001:db8::1]:8080")).hasSize(16);
        assertThat(IpAddresses.parseLiteral("2001:db8::1")).hasSize(16);
        for (String notALiteral : List.of(
                "example.com",
                "localhost",
                "unknown",
                "_hidden",
                "",
                "192.0.2",
                "192.0.2.256",
                "192.0.2.1:",
                "192.0.2.1:http",
                "192.0.2.1:123456",
                "[2001:db8::1",
                "[2001:db8::1]x",
                "2001:db8::g",
                "0x7f.1",
                "1".repeat(100))) {
            assertThat(IpAddresses.parseLiteral(notALiteral)).as(notALiteral).isNull();
        }
    }

    private static String key(String literal) {
        return IpAddresses.clientKey(IpAddresses.parseLiteral(literal));
    }
}

package io.shopstack.auth.login;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class LoginAttemptTest {

    @Test
    void accountNamesAreComparedCaseInsensitively() {
        assertThat(LoginAttempt.of("Alice", "198.51.100.7").account()).isEqualTo("alice");
        assertThat(LoginAttempt.of("x".repeat(500), "198.51.100.7").account()).hasSize(LoginAttempt.MAX_LENGTH);
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        assertThat(LoginAttempt.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginAttempt.addressKey("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginAttempt.addressKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(LoginAttempt.addressKey("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void ipv4AndUnparsableAddressesAreKeptAsGiven() {
        assertThat(LoginAttempt.addressKey("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(LoginAttempt.addressKey("not an address")).isEqualTo("not an address");
        assertThat(LoginAttempt.addressKey(null)).isEqualTo("unknown");
    }
}

package io.shopstack.auth.login;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class LoginAuditTest {

    @Test
    void controlCharactersCannotStartAForgedLine() {
        String quoted = LoginAudit.quote("eve\r\nlogin ok: user=\"admin\"\u2028\t\\");

        assertThat(quoted).isEqualTo("\"eve\\u000d\\u000alogin ok: user=\\\"admin\\\"\\u2028\\u0009\\\\\"");
        assertThat(quoted).doesNotContain("\r", "\n", "\u2028", "\t");
    }

    @Test
    void longNamesAreCut() {
        assertThat(LoginAudit.quote("a".repeat(1000))).hasSize(100 + "...".length() + 2);
    }
}

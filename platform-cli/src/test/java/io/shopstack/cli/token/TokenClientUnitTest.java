package io.shopstack.cli.token;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The pieces of {@link TokenClient} that need no server; the flows are tested against a real auth-server there. */
class TokenClientUnitTest {

    @Test
    void pkceChallengeMatchesRfc7636AppendixB() {
        assertThat(TokenClient.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void parsesATokenResponse() {
        Map<String, Object> json = Json.parseObject("""
                { "access_token" : "eyJ.a\\u0062c.d", "scope":"openid cart", "token_type":"Bearer",
                  "expires_in":899, "nested": {"a": [1, 2.5, true, null, "x\\"y"]} }""");
        assertThat(json).containsEntry("access_token", "eyJ.abc.d")
                .containsEntry("scope", "openid cart")
                .containsEntry("expires_in", 899L)
                .containsEntry("nested", Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null, "x\"y")));
        assertThat(Json.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void rejectsBrokenJson() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("{\"a\": }"));
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("{\"a\": \"b\""));
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("<html>"));
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parseObject("\"just a string\""));
    }

    @Test
    void decodesQueryParameters() {
        assertThat(TokenClient.query(URI.create("http://127.0.0.1:8080/cb?code=a%2Bb&state=s%20t&flag")))
                .containsEntry("code", "a+b")
                .containsEntry("state", "s t")
                .containsEntry("flag", "");
    }
}

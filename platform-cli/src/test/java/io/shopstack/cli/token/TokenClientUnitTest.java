package io.shopstack.cli.token;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of {@link TokenClient} that need no server; the flows are tested against a real auth-server there. */
@Tag("unit")
class TokenClientUnitTest {

    @Test
    void pkceChallengeMatchesRfc7636AppendixB() {
        assertThat(TokenClient.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void readsTheAccessTokenOfASuccessfulAnswer() {
        assertThat(TokenClient.accessToken(200, """
                { "access_token" : "eyJ.a\\u0062c.d", "scope":"openid cart", "token_type":"Bearer",
                  "expires_in":899, "nested": {"a": [1, 2.5, true, null, "x\\"y"]} }""")).isEqualTo("eyJ.abc.d");
    }

    @Test
    void anErrorAnswerSaysWhatTheServerSaid() {
        assertThatThrownBy(() -> TokenClient.accessToken(400, """
                {"error": "invalid_scope", "error_description": "OAuth 2.0 Parameter: scope"}"""))
                .isInstanceOfSatisfying(
                        TokenException.class, ex -> assertThat(ex.statusCode()).isEqualTo(400))
                .hasMessage("token request failed: 400 invalid_scope (OAuth 2.0 Parameter: scope)");
        assertThatThrownBy(() -> TokenClient.accessToken(200, "{\"token_type\": \"Bearer\"}"))
                .isInstanceOf(TokenException.class)
                .hasMessage("token request failed: 200 ");
        assertThatThrownBy(() -> TokenClient.accessToken(200, "{\"access_token\": 42}"))
                .isInstanceOf(TokenException.class)
                .hasMessageStartingWith("token request failed");
    }

    @Test
    void anAnswerThatIsNoJsonObjectIsReportedWithItsBeginning() {
        for (String body : List.of(
                "<html><body>Bad Gateway</body></html>",
                "{\"a\": }",
                "{\"a\": \"b\"",
                "{} trailing",
                "\"just a string\"",
                "[]",
                "")) {
            assertThatThrownBy(() -> TokenClient.accessToken(502, body))
                    .as(body)
                    .isInstanceOf(TokenException.class)
                    .hasMessageStartingWith("token endpoint answered 502 with no JSON");
        }
    }

    @Test
    void decodesQueryParameters() {
        assertThat(TokenClient.query(URI.create("http://127.0.0.1:8080/cb?code=a%2Bb&state=s%20t&flag")))
                .containsEntry("code", "a+b")
                .containsEntry("state", "s t")
                .containsEntry("flag", "");
    }
}

package io.shopstack.auth.login;

import io.shopstack.infrastructure.Server;
import io.shopstack.testsupport.IsolatedServiceTest;
import io.shopstack.testsupport.WithInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form against the real server and database: per-account and per-address blocking with the password
 * unchecked, the message on the form, and the audit line. Each test signs in from its own client address (sent as
 * X-Forwarded-For from loopback, a trusted proxy), so tests do not share an address count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@IsolatedServiceTest
@WithInfrastructure(value = Server.POSTGRES, database = "auth")
@ExtendWith(OutputCaptureExtension.class)
class LoginThrottleTest {

    private static final int PORT = freePort();
    private static final URI BASE = URI.create("http://localhost:" + PORT);
    private static final int ACCOUNT_MAX = 5;
    private static final int ADDRESS_MAX = 8;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("shopstack.auth.issuer", BASE::toString);
        registry.add(
                "shopstack.auth.jwk-file",
                () -> System.getProperty("java.io.tmpdir") + "/shopstack-auth-test-" + UUID.randomUUID() + "/jwk.json");
        registry.add("shopstack.auth.login-throttle.account-max-failures", () -> ACCOUNT_MAX);
        registry.add("shopstack.auth.login-throttle.address-max-failures", () -> ADDRESS_MAX);
    }

    @Autowired
    UserDetailsManager users;

    @Test
    void afterNWrongPasswordsEvenTheRightOneIsRefusedFromAnyAddress(CapturedOutput output) throws Exception {
        String carol = newUser("carol-password");

        for (int i = 0; i < ACCOUNT_MAX; i++) {
            assertThat(login(carol, "wrong-password-" + i, "198.51.100.10").signedIn())
                    .isFalse();
        }
        Login refused = login(carol, "carol-password", "198.51.100.10");
        Login refusedElsewhere = login(carol, "carol-password", "198.51.100.11");

        assertThat(refused.signedIn()).isFalse();
        assertThat(refused.page())
                .containsPattern("Too many failed sign-in attempts\\. Try again in ([12]\\d|30) seconds\\.");
        assertThat(refused.page()).doesNotContain("Exception", "at io.", "at org.");
        assertThat(refusedElsewhere.signedIn()).isFalse();
        // The account, not the address, is blocked: another account signs in from the same address.
        assertThat(login("alice", "alice-password", "198.51.100.10").signedIn()).isTrue();

        String audit = auditLines(output, carol);
        assertThat(audit.lines().filter(line -> line.contains("reason=BAD_CREDENTIALS")))
                .hasSize(ACCOUNT_MAX);
        assertThat(audit)
                .contains("login failed: user=\"" + carol + "\" address=\"198.51.100.10\" reason=BAD_CREDENTIALS")
                .contains("reason=BAD_CREDENTIALS blocked_for=30s")
                .contains("login failed: user=\"" + carol + "\" address=\"198.51.100.11\" reason=THROTTLED");
        assertThat(output.getAll()).doesNotContain("wrong-password-", "carol-password");
    }

    @Test
    void anAddressWithTooManyFailuresIsRefusedForEveryAccount() throws Exception {
        for (int i = 0; i < ADDRESS_MAX; i++) {
            assertThat(login(newUser("pw"), "wrong", "203.0.113.20").signedIn()).isFalse();
        }

        Login refused = login("bob", "bob-password", "203.0.113.20");

        assertThat(refused.signedIn()).isFalse();
        assertThat(refused.page()).contains("Too many failed sign-in attempts");
        assertThat(login("bob", "bob-password", "203.0.113.21").signedIn()).isTrue();
    }

    @Test
    void aWrongPasswordSaysSoWithoutTellingWhetherTheAccountExists() throws Exception {
        Login unknown = login("nobody-" + UUID.randomUUID(), "wrong", "192.0.2.30");
        Login known = login("alice", "wrong", "192.0.2.30");

        assertThat(unknown.page()).contains("Invalid username or password.");
        assertThat(known.page()).contains("Invalid username or password.");
    }

    @Test
    void aUsernameWithLineBreaksCannotForgeAnAuditLine(CapturedOutput output) throws Exception {
        String forged = "mallory-" + UUID.randomUUID() + "\r\n2026-11-30 INFO login ok: user=\"admin\"";

        login(forged, "guess", "192.0.2.40");

        assertThat(output.getAll())
                .contains("\\u000d\\u000a2026-11-30 INFO login ok: user=\\\"admin\\\"\" address=\"192.0.2.40\"")
                .doesNotContain("\n2026-11-30 INFO login ok")
                .doesNotContain("guess");
    }

    record Login(boolean signedIn, String page) {}

    /** The browser's way: the form (session cookie, CSRF field), the post, and the page it is sent back to. */
    private Login login(String username, String password, String clientAddress) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpResponse<String> form = http.send(get(BASE.resolve("/login"), clientAddress), utf8());
            assertThat(form.statusCode()).isEqualTo(200);
            Matcher csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as("CSRF field in %s", form.body()).isTrue();
            String body = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                    + encode(csrf.group(1));
            HttpResponse<String> posted = http.send(
                    HttpRequest.newBuilder(BASE.resolve("/login"))
                            .header("X-Forwarded-For", clientAddress)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    utf8());
            assertThat(posted.statusCode()).isEqualTo(302);
            URI next = BASE.resolve(posted.headers().firstValue("Location").orElseThrow());
            if (next.getPath().equals("/login") && "error".equals(next.getQuery())) {
                return new Login(
                        false, http.send(get(next, clientAddress), utf8()).body());
            }
            return new Login(true, "");
        }
    }

    private String newUser(String password) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        users.createUser(User.withUsername(username)
                .password("{bcrypt}" + new BCryptPasswordEncoder(4).encode(password))
                .roles("CUSTOMER")
                .build());
        return username;
    }

    private static String auditLines(CapturedOutput output, String username) {
        return output.getAll()
                .lines()
                .filter(line -> line.contains("login failed: user=\"" + username + "\""))
                .reduce("", (all, line) -> all + line + "\n");
    }

    private static HttpRequest get(URI uri, String clientAddress) {
        return HttpRequest.newBuilder(uri)
                .header("X-Forwarded-For", clientAddress)
                .header("Accept", "text/html")
                .GET()
                .build();
    }

    private static HttpResponse.BodyHandler<String> utf8() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package io.shopstack.gateway;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront's session chain at the gateway, up to the issuer (the whole login with a real auth-server and a real
 * browser: e2e-tests' StorefrontBrowserTest): pages are public and the cart page sends an anonymous browser to the
 * login; the login starts authorization code + PKCE as the confidential client and keeps its state in a session
 * cookie (HttpOnly, SameSite=Lax) stored in Redis; a state-changing call with the session but without its CSRF token is
 * refused; the issuer's sign-in form, posted with {@code Origin: null}, reaches auth-server and auth-server learns the
 * entry URL and the client, never what the client claims in {@code X-Forwarded-*}.
 */
class StorefrontSessionTest extends GatewayTestSupport {

    @Test
    void thePagesArePublicHtmlWithAContentSecurityPolicyAndTheCartSendsAnAnonymousBrowserToTheLogin() {
        var home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(header(home, "Content-Type")).startsWith("text/html");
        assertThat(home.body()).contains("<script src=\"/assets/app.js\" defer></script>");
        assertThat(header(home, "Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(get("/assets/app.js").statusCode()).isEqualTo(200);
        assertThat(get("/products/7").body()).contains("data-page=\"product\"");

        var cart = get("/cart");
        assertThat(cart.statusCode()).as("a redirect, not a 401 body").isEqualTo(302);
        assertThat(header(cart, "Location")).isEqualTo("/oauth2/authorization/shopstack");
        assertThat(get("/wishlist").statusCode()).isEqualTo(302);
        for (String page : List.of("/checkout", "/orders", "/orders/3f2504e0-4f89-41d3-9a0c-0305e82c3301")) {
            var anonymous = get(page);
            assertThat(anonymous.statusCode()).as(page).isEqualTo(302);
            assertThat(header(anonymous, "Location")).as(page).isEqualTo("/oauth2/authorization/shopstack");
        }
        // "Sign in" from any page: to the login first, and back to that page afterwards (a local path only).
        assertThat(header(get("/sign-in?to=/products/7"), "Location")).isEqualTo("/oauth2/authorization/shopstack");
    }

    @Test
    void theLoginIsAuthorizationCodeWithPkceThroughTheGatewayAndItsStateIsInAnHttpOnlySameSiteSessionCookie() {
        var start = get("/oauth2/authorization/shopstack");

        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(header(start, "Location"));
        assertThat(authorize.getHost()).as("the browser stays on the entry URL").isNull();
        assertThat(authorize.getPath()).isEqualTo("/oauth2/authorize");
        Map<String, String> query = query(authorize);
        assertThat(query)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "shopstack-web")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("redirect_uri")).isEqualTo("http://127.0.0.1:" + port + "/login/oauth2/code/shopstack");
        assertThat(query.get("scope")).contains("openid").contains("cart").contains("orders");
        String cookie = header(start, "Set-Cookie");
        assertThat(cookie)
                .startsWith("SHOPSTACK_SESSION=")
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax")
                .doesNotContain("Secure"); // local profile: plain HTTP; prod sets Secure
    }

    @Test
    void aStateChangingCallWithTheSessionButWithoutItsCsrfTokenIsRefused() {
        String session = sessionCookie();

        var refused = send(request("/api/v1/cart/items")
                .header("Cookie", session)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":1}")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(header(refused, "Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("security token");
        assertThat(cartService.received()).isEmpty();
        var logout = send(request("/logout").header("Cookie", session).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).as("logout needs the token too").isEqualTo(403);
    }

    @Test
    void anApiCallWithTheSessionCookieButNoLoginAnswers401AndABearerClientIsServedAsBefore() {
        var anonymous =
                send(request("/api/v1/cart").header("Cookie", sessionCookie()).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("Sign in to continue.");

        String token = tokens.valid("storefront-bearer", "openid cart");
        var bearer = send(
                request("/api/v1/cart", token).header("Cookie", sessionCookie()).GET());
        assertThat(bearer.statusCode()).as("a token wins over a cookie").isEqualTo(200);
        assertThat(cartService.received().getLast().header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(cartService.received().getLast().header("Cookie"))
                .as("the session cookie stays at the gateway")
                .isNull();
    }

    @Test
    void theSignInFormPostedWithOriginNullReachesTheIssuerWithTheEntryUrlAndTheClientAddressNotTheClientsClaims() {
        var posted = send(request("/login")
                .header("Origin", "null")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("username=storefront-form&password=x&_csrf=t")));

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        var received = authServer.received().getLast();
        assertThat(received.path()).isEqualTo("/login");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Port")).isEqualTo(String.valueOf(port));
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    /** A fresh anonymous session (the login start creates one). */
    private String sessionCookie() {
        String cookie = header(get("/oauth2/authorization/shopstack"), "Set-Cookie");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(
                        pair -> pair[0],
                        pair -> java.net.URLDecoder.decode(pair[1], java.nio.charset.StandardCharsets.UTF_8)));
    }
}

package io.shopstack.gateway.storefront;

import io.shopstack.platform.security.PlatformAuthorities;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The storefront: a few static pages (one layout, {@code layout.html}, around each page's own content in
 * {@code pages/}) and one script, from classpath {@code storefront/} (no build step, no CDN), that call the APIs on
 * this origin with the session cookie; and {@code /bff/session}, which tells a page who is signed in and gives it the
 * CSRF token for state-changing calls. Tokens never leave the server.
 */
@Configuration(proxyBeanMethods = false)
class StorefrontPages {

    private static final String ROOT = "storefront/";

    /** What a page needs to know about the session; {@code csrfToken} only for a signed-in user. */
    record SessionView(boolean signedIn, String name, boolean admin, String csrfHeader, String csrfToken) {

        static final SessionView ANONYMOUS = new SessionView(false, null, false, null, null);
    }

    /** The storefront's pages: one layout (header, messages, footer) around each page's own main content. */
    enum Page {
        CATALOG("Catalog"),
        PRODUCT("Product"),
        CART("Your cart"),
        WISHLIST("Your wishlist"),
        CHECKOUT("Checkout"),
        ORDER("Your order"),
        ORDERS("Your orders");

        private final String title;

        Page(String title) {
            this.title = title;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Bean
    RouterFunction<ServerResponse> storefrontRoutes() {
        Map<Page, String> html = renderPages();
        return RouterFunctions.route()
                .GET("/", request -> page(html.get(Page.CATALOG)))
                .GET("/products/{id}", request -> page(html.get(Page.PRODUCT)))
                .GET("/cart", request -> page(html.get(Page.CART)))
                .GET("/wishlist", request -> page(html.get(Page.WISHLIST)))
                .GET("/checkout", request -> page(html.get(Page.CHECKOUT)))
                .GET("/orders", request -> page(html.get(Page.ORDERS)))
                .GET("/orders/{id}", request -> page(html.get(Page.ORDER)))
                .GET("/sign-in", StorefrontPages::signedIn)
                .GET("/bff/session", StorefrontPages::session)
                .build()
                .and(RouterFunctions.resources("/assets/**", new ClassPathResource(ROOT + "assets/")));
    }

    /** Every page, rendered once at start (static text: the script fills in the data). */
    static Map<Page, String> renderPages() {
        String layout = read(ROOT + "layout.html");
        Map<Page, String> pages = new EnumMap<>(Page.class);
        for (Page page : Page.values()) {
            pages.put(
                    page,
                    layout.replace("{{title}}", page.title)
                            .replace("{{page}}", page.id())
                            .replace("{{main}}", read(ROOT + "pages/" + page.id() + ".html")));
        }
        return pages;
    }

    private static String read(String resource) {
        try (var in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("storefront page " + resource, e);
        }
    }

    private static Mono<ServerResponse> page(String html) {
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .bodyValue(html);
    }

    /**
     * "Sign in" links here with the page to come back to ({@code ?to=/products/7}); the page needs a login, so an
     * anonymous browser is sent to the issuer first and lands here again afterwards. Only a path on this origin is
     * followed (never {@code //host} or a URL): no open redirect.
     */
    private static Mono<ServerResponse> signedIn(ServerRequest request) {
        String to =
                request.queryParam("to").filter(StorefrontPages::isLocalPath).orElse("/");
        return ServerResponse.seeOther(URI.create(to)).build();
    }

    static boolean isLocalPath(String path) {
        if (!path.startsWith("/")
                || path.startsWith("//")
                || path.contains("\\")
                || path.chars().anyMatch(c -> c < 0x20)) {
            return false;
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Mono<ServerResponse> session(ServerRequest request) {
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return request.principal()
                .filter(Authentication.class::isInstance)
                .cast(Authentication.class)
                .filter(Authentication::isAuthenticated)
                .flatMap(user -> csrf.map(token ->
                        new SessionView(true, name(user), isAdmin(user), token.getHeaderName(), token.getToken())))
                .defaultIfEmpty(SessionView.ANONYMOUS)
                .flatMap(view -> ServerResponse.ok()
                        .cacheControl(CacheControl.noStore())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(view));
    }

    private static String name(Authentication user) {
        if (user.getPrincipal() instanceof OidcUser oidc && oidc.getPreferredUsername() != null) {
            return oidc.getPreferredUsername();
        }
        return user.getName();
    }

    private static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(PlatformAuthorities.CATALOG_WRITE::equals);
    }
}

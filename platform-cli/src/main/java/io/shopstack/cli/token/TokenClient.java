package io.shopstack.cli.token;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gets access tokens from the shopstack auth-server with the JDK's HTTP client only.
 * <ul>
 * <li>{@link #userToken}: the authorization-code flow with PKCE, driven like a browser: authorize, login form
 * (session cookie + CSRF field), back to authorize, then the code from the redirect to the {@code shopstack-web}
 * redirect URI (which is never contacted) is exchanged at the token endpoint, authenticated as that confidential
 * client (HTTP basic; secret from {@code SHOPSTACK_WEB_CLIENT_SECRET}, locally the development secret).</li>
 * <li>{@link #serviceToken}: client credentials with HTTP basic.</li>
 * </ul>
 * Endpoints are the authorization server's defaults below the issuer URI.
 */
public final class TokenClient {

    public static final String WEB_CLIENT_ID = "shopstack-web";
    public static final String WEB_REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/shopstack";
    public static final String DEFAULT_USER_SCOPE = "openid cart orders";

    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*\\bname=\"_csrf\"[^>]*>");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\baction=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} <html>" is no token response either
            .build();

    /** The local profile's secret of {@value #WEB_CLIENT_ID} (auth-server keeps only its bcrypt hash). */
    public static final String WEB_CLIENT_DEV_SECRET = "shopstack-web-dev-secret";

    private final Duration timeout;
    private final char[] webClientSecret;

    public TokenClient() {
        this(Duration.ofSeconds(10));
    }

    public TokenClient(Duration timeout) {
        this(
                timeout,
                System.getenv()
                        .getOrDefault("SHOPSTACK_WEB_CLIENT_SECRET", WEB_CLIENT_DEV_SECRET)
                        .toCharArray());
    }

    /** A client whose user logins authenticate as {@value #WEB_CLIENT_ID} with this secret. */
    public TokenClient(Duration timeout, char[] webClientSecret) {
        this.timeout = timeout;
        this.webClientSecret = webClientSecret.clone();
    }

    /** A user's access token with scopes {@value #DEFAULT_USER_SCOPE}. */
    public String userToken(URI issuer, String username, char[] password) {
        return userToken(issuer, username, password, DEFAULT_USER_SCOPE);
    }

    /**
     * A user's access token for the space-separated {@code scope} (e.g. {@code "openid cart catalog:write"}); the
     * server may grant fewer scopes than requested.
     */
    public String userToken(URI issuer, String username, char[] password, String scope) {
        return userTokens(issuer, username, password, scope).accessToken();
    }

    /**
     * What the token endpoint answered: the access token and, for an {@code openid} login, the ID token; the refresh
     * token when the client has that grant (null otherwise).
     */
    public record Tokens(String accessToken, String idToken, String refreshToken) {}

    /** The access token and the ID token of a user's login (see {@link #userToken(URI, String, char[], String)}). */
    public Tokens userTokens(URI issuer, String username, char[] password, String scope) {
        String verifier = randomToken();
        String state = randomToken();
        try (HttpClient http = newHttpClient()) {
            URI authorize = URI.create(base(issuer) + "/oauth2/authorize?"
                    + form(Map.of(
                            "response_type", "code",
                            "client_id", WEB_CLIENT_ID,
                            "redirect_uri", WEB_REDIRECT_URI,
                            "scope", scope,
                            "state", state,
                            "code_challenge", challenge(verifier),
                            "code_challenge_method", "S256")));
            URI loginPage = redirectTarget(http, get(authorize));

            HttpResponse<String> page = send(http, get(loginPage));
            expectStatus(page, 200, "login page");
            String csrf = field(CSRF_INPUT, page.body(), "_csrf field");
            Matcher action = FORM_ACTION.matcher(page.body());
            URI loginAction = action.find() ? loginPage.resolve(htmlUnescape(action.group(1))) : loginPage;

            URI next = redirectTarget(
                    http,
                    post(
                            loginAction,
                            null,
                            form(Map.of("username", username, "password", new String(password), "_csrf", csrf))));
            if (next.getPath().equals(loginPage.getPath()) && query(next).containsKey("error")) {
                throw new TokenException("login failed for user " + username, 401);
            }
            for (int i = 0; i < MAX_REDIRECTS && !next.toString().startsWith(WEB_REDIRECT_URI); i++) {
                next = redirectTarget(http, get(next));
            }
            if (!next.toString().startsWith(WEB_REDIRECT_URI)) {
                throw new TokenException(
                        "authorization did not redirect to " + WEB_REDIRECT_URI + " (last: " + next + ")");
            }
            Map<String, String> callback = query(next);
            if (callback.containsKey("error")) {
                throw new TokenException("authorization failed: " + callback.get("error") + " "
                        + callback.getOrDefault("error_description", ""));
            }
            if (!state.equals(callback.get("state")) || callback.get("code") == null) {
                throw new TokenException("authorization response without code or with a wrong state: " + next);
            }
            return tokens(
                    http,
                    issuer,
                    basic(WEB_CLIENT_ID, webClientSecret),
                    Map.of(
                            "grant_type",
                            "authorization_code",
                            "code",
                            callback.get("code"),
                            "redirect_uri",
                            WEB_REDIRECT_URI,
                            "code_verifier",
                            verifier));
        }
    }

    /** A client-credentials access token; {@code scope} may be null for all of the client's scopes. */
    public String serviceToken(URI issuer, String clientId, char[] secret, String scope) {
        String basic = basic(clientId, secret);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        if (scope != null) {
            body.put("scope", scope);
        }
        try (HttpClient http = newHttpClient()) {
            return tokens(http, issuer, basic, body).accessToken();
        }
    }

    /** HTTP basic client authentication (RFC 6749 2.3.1: both parts form-encoded first). */
    private static String basic(String clientId, char[] secret) {
        String credentials = encode(clientId) + ":" + encode(new String(secret));
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private Tokens tokens(HttpClient http, URI issuer, String authorization, Map<String, String> body) {
        HttpResponse<String> response =
                send(http, post(URI.create(base(issuer) + "/oauth2/token"), authorization, form(body)));
        JsonNode json = tokenResponse(response.statusCode(), response.body());
        JsonNode idToken = json.get("id_token");
        JsonNode refreshToken = json.get("refresh_token");
        return new Tokens(
                json.get("access_token").asText(),
                idToken != null && idToken.isTextual() ? idToken.asText() : null,
                refreshToken != null && refreshToken.isTextual() ? refreshToken.asText() : null);
    }

    /** The access token of a token endpoint's answer, or why there is none (RFC 6749 5.1 and 5.2). */
    static String accessToken(int status, String body) {
        return tokenResponse(status, body).get("access_token").asText();
    }

    /** A successful token endpoint answer (with an access token), or a {@link TokenException} saying why not. */
    private static JsonNode tokenResponse(int status, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException ex) {
            throw new TokenException(
                    "token endpoint answered " + status + " with no JSON: " + abbreviate(body), status, ex);
        }
        if (json == null || !json.isObject()) {
            throw new TokenException(
                    "token endpoint answered " + status + " with no JSON object: " + abbreviate(body), status);
        }
        JsonNode token = json.get("access_token");
        if (status != 200 || token == null || !token.isTextual()) {
            throw new TokenException(
                    "token request failed: " + status + " " + json.path("error").asText("")
                            + describe(json.get("error_description")),
                    status);
        }
        return json;
    }

    private HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)) // this flow's session only
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "text/html")
                .GET()
                .build();
    }

    private HttpRequest post(URI uri, String authorization, String form) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json, text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private URI redirectTarget(HttpClient http, HttpRequest request) {
        HttpResponse<String> response = send(http, request);
        String location = response.headers().firstValue("Location").orElse(null);
        if (response.statusCode() / 100 != 3 || location == null) {
            throw new TokenException(
                    request.method() + " " + request.uri().getPath() + " answered " + response.statusCode()
                            + " instead of a redirect: " + abbreviate(response.body()),
                    response.statusCode());
        }
        return request.uri().resolve(location);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new TokenException(request.method() + " " + request.uri() + " failed: " + ex, 0, ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted", 0, ex);
        }
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new TokenException(what + " answered " + response.statusCode(), response.statusCode());
        }
    }

    private static String field(Pattern input, String html, String what) {
        Matcher tag = input.matcher(html);
        Matcher value = tag.find() ? VALUE.matcher(tag.group()) : null;
        if (value == null || !value.find()) {
            throw new TokenException("no " + what + " in the login page");
        }
        return htmlUnescape(value.group(1));
    }

    static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String base(URI issuer) {
        String base = issuer.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String htmlUnescape(String value) {
        return value.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String describe(JsonNode description) {
        return description == null || description.isNull() ? "" : " (" + description.asText() + ")";
    }

    private static String abbreviate(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}

package io.shopstack.multihost;

import com.jayway.jsonpath.JsonPath;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Small HTTP client for the drills: JSON bodies, bearer tokens, a bounded time per request, never an exception. */
final class Http {

    /** A response, or a transport failure (status 0) with what went wrong. */
    record Response(int status, String body, long millis, String retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        @Override
        public String toString() {
            return status + " in " + millis + " ms: " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {}

    static Response get(URI uri, String token) {
        return call("GET", uri, token, null);
    }

    static Response call(String method, URI uri, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, application/problem+json")
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
        }
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    (System.nanoTime() - begin) / 1_000_000,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Response(0, e.toString(), (System.nanoTime() - begin) / 1_000_000, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, e.toString(), (System.nanoTime() - begin) / 1_000_000, null);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

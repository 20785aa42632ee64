package io.shopstack.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whom the rate limiter counts a request against, on the auth route (burst 20, 5/s in config-repo/gateway.yml), with
 * real connections from different loopback addresses: 127.77.0.0/16 are the trusted proxies here
 * ({@link GatewayTestSupport#TRUSTED_PROXIES}), any other 127.x address is a client that connects directly. Each test
 * uses fresh random addresses, so its buckets are its own.
 */
class ClientIdentityTest extends GatewayTestSupport {

    private static final String ISSUER = "/.well-known/openid-configuration";
    private static final int BURST = 20;
    private static final int RATE = 5;
    private static final int REQUESTS = 60;

    @Test
    void aSpoofedXForwardedForFromAPeerOutsideTheTrustedProxiesDoesNotChangeTheKey() throws Exception {
        HttpClient spoofer = clientFrom(directClient());

        Burst burst = burst(spoofer, i -> request(ISSUER).header("X-Forwarded-For", "203.0.113." + (i % 250 + 1)));

        burst.assertLimitedAsOneBucket();
        HttpResponse<String> denied = burst.denied().getFirst();
        GatewaySecurityTest.assertProblem(denied, 429);
        assertThat(denied.body())
                .contains("\"code\":\"RATE_LIMITED\"")
                .contains("\"retryAfterSeconds\":" + header(denied, "Retry-After"));
    }

    @Test
    void aBearerTokenOnLoginDoesNotChangeTheKey() throws Exception {
        HttpClient client = clientFrom(directClient());
        String run = Long.toHexString(System.nanoTime());

        Burst burst = burst(
                client,
                i -> login("user-" + run + "-" + i)
                        .header("Authorization", "Bearer " + tokens.valid("token-" + run + "-" + i, "openid cart")));

        burst.assertLimitedAsOneBucket();
        assertThat(authServer.received())
                .filteredOn(received -> received.path().equals("/login"))
                .hasSize(burst.passed())
                .allSatisfy(received -> assertThat(received.body())
                        .as("the form reaches auth-server unchanged")
                        .matches("username=user-" + run + "-\\d+&password=p%40ss\\+word"));
    }

    @Test
    void aTrustedProxysXForwardedForIsHonoured() throws Exception {
        HttpClient proxy = clientFrom(trustedProxy());
        String client = randomClient();

        // The client prepends a spoofed address; the proxy appends the address it saw.
        Burst burst =
                burst(proxy, i -> request(ISSUER).header("X-Forwarded-For", "10.6.6." + (i % 250) + ", " + client));

        burst.assertLimitedAsOneBucket();
        var another = send(proxy, request(ISSUER).header("X-Forwarded-For", randomClient()));
        var theProxyItself = send(proxy, request(ISSUER));
        assertThat(another.statusCode()).isEqualTo(200);
        assertThat(header(another, "X-RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
        assertThat(theProxyItself.statusCode()).isEqualTo(200);
        assertThat(header(theProxyItself, "X-RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
    }

    @Test
    void namesInXForwardedForAreNoClientsTheLastTrustedHopIs() throws Exception {
        HttpClient proxy = clientFrom(trustedProxy());

        // Each a different name (never looked up: NoNameLookupTest); were they keys, every request would pass.
        Burst burst = burst(
                proxy, i -> request(ISSUER).header("X-Forwarded-For", randomClient() + ", host-" + i + ".example"));

        burst.assertLimitedAsOneBucket();
    }

    @Test
    void twoIpv6AddressesInOneSlash64ShareABucket() throws Exception {
        HttpClient proxy = clientFrom(trustedProxy());
        String prefix =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":";

        Burst burst = burst(
                proxy,
                i -> request(ISSUER)
                        .header("X-Forwarded-For", i % 2 == 0 ? prefix + "1::a" : prefix + "1:ffff:ffff:ffff:fffe"));

        burst.assertLimitedAsOneBucket();
        var nextSlash64 = send(proxy, request(ISSUER).header("X-Forwarded-For", prefix + "2::a"));
        assertThat(nextSlash64.statusCode()).isEqualTo(200);
        assertThat(header(nextSlash64, "X-RateLimit-Remaining")).isEqualTo(String.valueOf(BURST - 1));
    }

    @Test
    void aLoginIsAlsoLimitedPerUsernameWhateverTheAddress() throws Exception {
        HttpClient proxy = clientFrom(trustedProxy());
        String victim = "Victim-" + Long.toHexString(System.nanoTime());
        List<String> spellings = List.of(victim, " " + victim.toLowerCase() + " ", victim.toUpperCase());

        // every attempt from another address: the per-IP buckets never run out, the username's does
        Burst burst = burst(proxy, i -> login(spellings.get(i % 3)).header("X-Forwarded-For", randomClient()));

        burst.assertLimitedAsOneBucket();
        var someoneElse = send(proxy, login("someone-else-" + victim).header("X-Forwarded-For", randomClient()));
        assertThat(someoneElse.statusCode()).isEqualTo(200);
    }

    private HttpRequest.Builder login(String username) {
        return request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + username.replace(" ", "+") + "&password=p%40ss+word"));
    }

    /** {@value #REQUESTS} requests at once (8 in flight), as fast as the gateway takes them. */
    private Burst burst(HttpClient client, IntFunction<HttpRequest.Builder> request) throws Exception {
        long start = System.nanoTime();
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest.Builder builder = request.apply(i);
                futures.add(CompletableFuture.supplyAsync(() -> send(client, builder), executor));
            }
            for (var future : futures) {
                responses.add(future.get());
            }
        }
        return new Burst(responses, Duration.ofNanos(System.nanoTime() - start));
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    record Burst(List<HttpResponse<String>> responses, Duration took) {

        int passed() {
            return (int) responses.stream()
                    .filter(response -> response.statusCode() == 200)
                    .count();
        }

        List<HttpResponse<String>> denied() {
            return responses.stream()
                    .filter(response -> response.statusCode() == 429)
                    .toList();
        }

        /**
         * One bucket: at most the burst plus what refills meanwhile passes (the bucket refills in whole seconds), the
         * rest is 429. Keys that the caller could vary would let all of them pass.
         */
        void assertLimitedAsOneBucket() {
            long seconds = (long) Math.ceil(took.toMillis() / 1000.0);
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 429);
            assertThat(passed()).isBetween(BURST, BURST + RATE * ((int) seconds + 1));
            assertThat(denied()).hasSize(REQUESTS - passed());
            assertThat(denied())
                    .allSatisfy(denied -> assertThat(Long.parseLong(header(denied, "Retry-After")))
                            .isPositive());
        }
    }

    /** A client connecting directly: 127.1-70.x.y (never the trusted 127.77/16, never 127.0.0.1 of the other tests). */
    private static String directClient() {
        var random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 71) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static String trustedProxy() {
        var random = ThreadLocalRandom.current();
        return "127.77." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** A client address as a proxy reports it (documentation range 198.18.0.0/15, random). */
    private static String randomClient() {
        var random = ThreadLocalRandom.current();
        return "198." + random.nextInt(18, 20) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}

package io.shopstack.discovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Raw HTTP against the Eureka server under test, with the development identities' logins. */
record EurekaHttp(int port, HttpClient http) {

    static final String OPERATOR = login("operator");
    static final String PROMETHEUS = login("prometheus");
    static final String PRODUCT_SERVICE = login("product-service");
    static final String CART_SERVICE = login("cart-service");
    static final String ORDER_SERVICE = login("order-service");

    EurekaHttp(int port) {
        this(port, HttpClient.newHttpClient());
    }

    /** An identity's login with its development password ({@code <identity>-eureka-dev-password}). */
    static String login(String identity) {
        return basic(identity, identity + "-eureka-dev-password");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A registration body as Eureka clients send it. */
    static String instance(String app, String instanceId, String vipAddress) {
        return """
                {"instance":{"instanceId":"%s","hostName":"localhost","app":"%s","ipAddr":"127.0.0.1",
                 "vipAddress":"%s","secureVipAddress":"%s","status":"UP","port":{"$":9999,"@enabled":"true"},
                 "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""".formatted(instanceId, app, vipAddress, vipAddress);
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return send("GET", path, null, authorization);
    }

    HttpResponse<String> post(String path, String json, String authorization) throws IOException, InterruptedException {
        return send("POST", path, json, authorization);
    }

    HttpResponse<String> send(String method, String path, String json, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

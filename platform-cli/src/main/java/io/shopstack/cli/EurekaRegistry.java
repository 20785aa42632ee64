package io.shopstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the discovery server lists, read from Eureka's REST API ({@code GET /eureka/apps} as JSON). */
public final class EurekaRegistry {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI apps;
    private final String authorization;

    EurekaRegistry(int port, String user, String password) {
        this.apps = URI.create("http://127.0.0.1:" + port + "/eureka/apps");
        this.authorization = LocalPlatform.basicAuthorization(user, password);
    }

    /** Instances with status UP per application, by Eureka's (upper-case) application name, sorted by name. */
    public Map<String, Integer> upInstances() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(apps)
                .header("Accept", "application/json")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(3))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("Eureka answered " + response.statusCode());
            }
            return upInstances(response.body());
        }
    }

    static Map<String, Integer> upInstances(String appsJson) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode application :
                elements(JSON.readTree(appsJson).path("applications").path("application"))) {
            for (JsonNode instance : elements(application.path("instance"))) {
                if (instance.path("status").asText().equals("UP")) {
                    counts.merge(
                            instance.path("app").asText(application.path("name").asText()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** A list of one may come as the element itself (Eureka's older XStream codec wrote it so); accept both shapes. */
    private static Iterable<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isObject() ? List.of(node) : List.of();
    }
}

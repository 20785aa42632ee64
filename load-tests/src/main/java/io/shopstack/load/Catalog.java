package io.shopstack.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The products the visits use, read once through the gateway before the load starts: active, in stock well above
 * what a visit adds, in one currency (a cart holds one currency), and the search terms their names give.
 */
record Catalog(List<Product> products, List<String> terms) {

    /** Visits add one unit at a time and a line goes back to 1 at 10: this leaves room for concurrent visits. */
    private static final int MINIMUM_STOCK = 30;

    record Product(long id, long categoryId, String currency) {}

    Catalog {
        if (products.isEmpty() || terms.isEmpty()) {
            throw new IllegalStateException("no active product with a category and a stock of at least " + MINIMUM_STOCK
                    + " in the first 100 of the catalog");
        }
    }

    Product pick(ThreadLocalRandom random) {
        return products.get(random.nextInt(products.size()));
    }

    String term(ThreadLocalRandom random) {
        return terms.get(random.nextInt(terms.size()));
    }

    static Catalog read(LoadSettings settings) {
        JsonNode page;
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/api/products?size=100"))
                            .header(
                                    "Authorization",
                                    "Bearer " + settings.tokens().getFirst())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET /api/products answered " + response.statusCode() + ": " + response.body());
            }
            page = new ObjectMapper().readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the catalog at " + settings.baseUrl() + ": " + e, e);
        }
        List<Product> candidates = new ArrayList<>();
        TreeSet<String> terms = new TreeSet<>();
        for (JsonNode product : page.path("content")) {
            if (product.path("active").asBoolean()
                    && product.path("stockQuantity").asInt() >= MINIMUM_STOCK
                    && product.hasNonNull("categoryId")) {
                candidates.add(new Product(
                        product.path("id").asLong(),
                        product.path("categoryId").asLong(),
                        product.path("currency").asText()));
                String firstWord =
                        product.path("name").asText().split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (firstWord.matches("\\p{L}{3,}")) {
                    terms.add(firstWord);
                }
            }
        }
        String currency =
                candidates.stream()
                        .collect(Collectors.groupingBy(Product::currency, Collectors.counting()))
                        .entrySet()
                        .stream()
                        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey)
                        .orElse("");
        return new Catalog(
                candidates.stream()
                        .filter(product -> product.currency().equals(currency))
                        .sorted(Comparator.comparingLong(Product::id))
                        .toList(),
                List.copyOf(terms));
    }
}

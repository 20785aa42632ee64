package io.shopstack.order.cart;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.shopstack.order.OrderError;
import io.shopstack.platform.problem.DomainException;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.util.List;

/**
 * The caller's cart, read from cart-service with the caller's own token (least privilege: order-service has no
 * identity that could read anyone's cart).
 */
@Component
public class CartClient {

    private final RestClient rest;

    /**
     * Boot's builder (its observations carry the trace into cart-service) with Spring Cloud's load-balancing
     * interceptor for the {@code cart-service} host. Not a {@code @LoadBalanced} builder bean: Eureka's own client
     * would pick that up and try to load-balance the registry's address.
     */
    CartClient(RestClient.Builder builder, DeferringLoadBalancerInterceptor loadBalancer) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofMillis(500));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        this.rest = builder.baseUrl("http://cart-service")
                .requestFactory(timeouts)
                .requestInterceptor(loadBalancer)
                .build();
    }

    public Cart cartOf(String bearerToken) {
        try {
            Cart cart = rest.get()
                    .uri("/api/v1/cart")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
                    .retrieve()
                    .body(Cart.class);
            if (cart == null) {
                throw new RestClientException("empty answer");
            }
            return cart;
        } catch (RestClientException | IllegalStateException e) {
            throw new DomainException(
                    OrderError.CART_UNAVAILABLE,
                    "The cart cannot be read right now; try again shortly.",
                    Duration.ofSeconds(5),
                    e);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cart(List<Item> items, boolean hasUnavailableItems) {
        public Cart {
            items = items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(long productId, int quantity, boolean unavailable, String unavailableReason) {

        /** The cart's own reason (cart-service's {@code Unavailability}): out of stock, rather than gone. */
        public boolean outOfStock() {
            return "OUT_OF_STOCK".equals(unavailableReason);
        }
    }
}

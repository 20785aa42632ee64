package io.shopstack.cart.wishlist;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shopstack.cart.catalog.Unavailability;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class WishlistViews {

    private WishlistViews() {}

    public record AddItem(@NotNull @Positive Long productId) {}

    public record MoveToCart(@Min(1) @Max(10_000) Integer quantity) {

        int quantityOrOne() {
            return quantity == null ? 1 : quantity;
        }
    }

    public record WishlistView(Long id, List<Item> items, int itemCount, boolean stale) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            long id,
            long productId,
            String name,
            BigDecimal price,
            String currency,
            Long categoryId,
            String categoryName,
            boolean unavailable,
            Unavailability unavailableReason,
            boolean stale,
            Instant addedAt) {}
}

package io.shopstack.cart.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shopstack.cart.CartError;
import io.shopstack.cart.catalog.Unavailability;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The cart API's requests and responses. Amounts are exact decimals with the currency's digits. */
public final class CartViews {

    /** The hard ceiling of a request; the configured {@code max-quantity-per-item} is usually lower. */
    static final int MAX_REQUEST_QUANTITY = 10_000;

    private CartViews() {}

    public record AddItem(
            @NotNull @Positive Long productId,
            @Min(1) @Max(MAX_REQUEST_QUANTITY) Integer quantity) {

        int quantityOrOne() {
            return quantity == null ? 1 : quantity;
        }
    }

    public record ChangeQuantity(
            @NotNull @Min(1) @Max(MAX_REQUEST_QUANTITY) Integer quantity) {}

    public record ApplyPromo(@NotBlank @Size(max = 64) String code) {}

    /**
     * @param stale              some items show their last known data because the catalog could not be reached
     * @param subtotal           sum of the available items' line totals
     * @param discount           the promo code's discount on the subtotal (zero when none applies)
     * @param total              subtotal minus discount
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CartView(
            Long id,
            List<Item> items,
            int itemCount,
            int totalQuantity,
            String currency,
            BigDecimal subtotal,
            Promo promo,
            BigDecimal discount,
            BigDecimal total,
            boolean hasUnavailableItems,
            boolean hasPriceChanges,
            boolean stale,
            Instant updatedAt) {}

    /**
     * @param unitPrice      current price (live, cached, or the snapshot when {@code stale})
     * @param priceChanged   the current price differs from the price when the item was added
     * @param unavailable    deleted, inactive or out of stock: excluded from the totals
     * @param stale          the catalog could not be asked; this is the last known data
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            long id,
            long productId,
            String name,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal priceWhenAdded,
            boolean priceChanged,
            BigDecimal lineTotal,
            String currency,
            Long categoryId,
            String categoryName,
            boolean unavailable,
            Unavailability unavailableReason,
            Integer availableStock,
            boolean stale,
            Instant addedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Promo(
            String code,
            String description,
            String discountType,
            BigDecimal discountValue,
            boolean applicable,
            CartError notApplicableReason,
            String message) {}
}

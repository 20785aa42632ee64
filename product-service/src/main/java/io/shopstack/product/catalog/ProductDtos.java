package io.shopstack.product.catalog;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The product API's requests and responses. */
public final class ProductDtos {

    static final int MAX_STOCK = 1_000_000;

    private ProductDtos() {}

    public record ProductView(
            long id,
            String name,
            String description,
            BigDecimal price,
            String currency,
            int stockQuantity,
            boolean active,
            Long categoryId,
            String categoryName,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        static ProductView of(Product product) {
            return new ProductView(
                    product.getId(),
                    product.getName(),
                    product.getDescription(),
                    product.getPrice(),
                    product.getCurrency(),
                    product.getStockQuantity(),
                    product.isActive(),
                    product.getCategoryId(),
                    product.getCategoryName(),
                    product.getVersion(),
                    product.getCreatedAt(),
                    product.getUpdatedAt());
        }
    }

    /** Create, or replace all fields (PUT, then {@code version} is required). */
    public record ProductRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) String description,

            @NotNull
            @DecimalMin(value = "0.00", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 10, fraction = 2)
            BigDecimal price,

            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            String currency,

            @NotNull @PositiveOrZero @Max(MAX_STOCK) Integer stockQuantity,
            Boolean active,
            Long categoryId,
            Long version) {}

    /** PATCH: only the given fields change; {@code version} is required. Price and stock have their own endpoints. */
    public record ProductPatch(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String name,

            @Size(max = 2000) String description,
            Boolean active,
            Long categoryId,
            Boolean uncategorised,
            @NotNull Long version) {}

    public record PriceChange(
            @NotNull
            @DecimalMin(value = "0.00", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 10, fraction = 2)
            BigDecimal price,

            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            String currency,

            @NotNull Long version) {}

    public record StockChange(
            @NotNull @PositiveOrZero @Max(MAX_STOCK) Integer stockQuantity,
            @NotNull Long version) {}

    /**
     * A page of a list. {@code totalElements} is exact when {@code totalExact}; otherwise it is a lower bound (the
     * catalog counts matches only up to a limit, docs/performance.md) and {@code totalPages} covers at least the pages
     * known to exist. {@code hasNext} is always exact.
     */
    public record PageView<T>(
            List<T> content,
            int page,
            int size,
            long totalElements,
            int totalPages,
            boolean totalExact,
            boolean hasNext) {}
}

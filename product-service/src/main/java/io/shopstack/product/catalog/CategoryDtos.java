package io.shopstack.product.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

public final class CategoryDtos {

    private CategoryDtos() {}

    public record CategoryView(
            long id, String name, String description, long version, Instant createdAt, Instant updatedAt) {

        static CategoryView of(Category category) {
            return new CategoryView(
                    category.getId(),
                    category.getName(),
                    category.getDescription(),
                    category.getVersion(),
                    category.getCreatedAt(),
                    category.getUpdatedAt());
        }
    }

    /** Create, or update (then {@code version} is required). */
    public record CategoryRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String description,
            Long version) {}
}

package io.shopstack.cart.wishlist;

import io.shopstack.cart.catalog.ProductSnapshot;

import java.time.Instant;
import java.util.List;

/** A wishlist as loaded from the database (no lazy entity outside the transaction). */
record WishlistLoaded(Long id, List<Line> lines) {

    record Line(long id, long productId, ProductSnapshot snapshot, Instant addedAt) {

        static Line of(WishlistItem item) {
            return new Line(item.getId(), item.getProductId(), item.getProduct(), item.getAddedAt());
        }
    }
}

package io.shopstack.cart.wishlist;

import io.shopstack.cart.catalog.ProductLine;
import io.shopstack.cart.catalog.ProductView;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A product on a wishlist. */
@Entity
@Table(name = "wishlist_items")
public class WishlistItem extends ProductLine {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "wishlist_id", nullable = false, updatable = false)
    private Wishlist wishlist;

    protected WishlistItem() {}

    WishlistItem(Wishlist wishlist, ProductView product) {
        super(product);
        this.wishlist = wishlist;
    }
}

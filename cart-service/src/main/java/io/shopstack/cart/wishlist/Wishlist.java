package io.shopstack.cart.wishlist;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A user's wishlist (one per user). */
@Entity
@Table(name = "wishlists")
public class Wishlist {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @OneToMany(mappedBy = "wishlist", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<WishlistItem> items = new ArrayList<>();

    protected Wishlist() {}

    public Long getId() {
        return id;
    }

    public List<WishlistItem> getItems() {
        return items;
    }

    Optional<WishlistItem> item(long itemId) {
        return items.stream()
                .filter(item -> Long.valueOf(itemId).equals(item.getId()))
                .findFirst();
    }

    Optional<WishlistItem> itemForProduct(long productId) {
        return items.stream().filter(item -> item.getProductId() == productId).findFirst();
    }
}

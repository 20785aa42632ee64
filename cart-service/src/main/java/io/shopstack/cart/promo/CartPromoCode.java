package io.shopstack.cart.promo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The promo code applied to a cart (at most one per cart). */
@Entity
@Table(name = "cart_promo_codes")
public class CartPromoCode {

    @Id
    @Column(name = "cart_id")
    private Long cartId;

    @Column(name = "promo_code_id", nullable = false)
    private Long promoCodeId;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    protected CartPromoCode() {}

    CartPromoCode(long cartId, long promoCodeId) {
        this.cartId = cartId;
        this.promoCodeId = promoCodeId;
        this.appliedAt = Instant.now();
    }

    public Long getCartId() {
        return cartId;
    }

    public Long getPromoCodeId() {
        return promoCodeId;
    }

    public Instant getAppliedAt() {
        return appliedAt;
    }
}

package io.shopstack.cart.promo;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A promo code: a percentage or a fixed amount off, optionally within a validity window, with a usage limit (uses
 * are reserved when the code is applied to a cart and released when it is removed) and a minimum order.
 */
@Entity
@Table(name = "promo_codes")
public class PromoCode {

    public enum DiscountType {
        PERCENT,
        FIXED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String code;

    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "discount_type", nullable = false)
    private DiscountType discountType;

    @Column(name = "discount_value", nullable = false)
    private BigDecimal discountValue;

    private String currency;

    @Column(name = "minimum_order")
    private BigDecimal minimumOrder;

    @Column(name = "valid_from")
    private Instant validFrom;

    @Column(name = "valid_until")
    private Instant validUntil;

    @Column(name = "usage_limit")
    private Integer usageLimit;

    @Column(name = "times_used", nullable = false)
    private int timesUsed;

    @Column(nullable = false)
    private boolean active = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    protected PromoCode() {}

    public PromoCode(
            String code,
            String description,
            DiscountType discountType,
            BigDecimal discountValue,
            String currency,
            BigDecimal minimumOrder,
            Instant validFrom,
            Instant validUntil,
            Integer usageLimit) {
        this.code = normalize(code);
        this.description = description;
        this.discountType = discountType;
        this.discountValue = discountValue;
        this.currency = currency;
        this.minimumOrder = minimumOrder;
        this.validFrom = validFrom;
        this.validUntil = validUntil;
        this.usageLimit = usageLimit;
    }

    /** Codes are case-insensitive: stored and looked up upper-case, without surrounding blanks. */
    public static String normalize(String code) {
        return code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public boolean notYetValid(Instant now) {
        return validFrom != null && now.isBefore(validFrom);
    }

    public boolean expired(Instant now) {
        return validUntil != null && !now.isBefore(validUntil);
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getDescription() {
        return description;
    }

    public DiscountType getDiscountType() {
        return discountType;
    }

    public BigDecimal getDiscountValue() {
        return discountValue;
    }

    public String getCurrency() {
        return currency;
    }

    public BigDecimal getMinimumOrder() {
        return minimumOrder;
    }

    public Instant getValidFrom() {
        return validFrom;
    }

    public Instant getValidUntil() {
        return validUntil;
    }

    public Integer getUsageLimit() {
        return usageLimit;
    }

    public int getTimesUsed() {
        return timesUsed;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}

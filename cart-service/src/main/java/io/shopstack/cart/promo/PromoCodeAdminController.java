package io.shopstack.cart.promo;

import io.shopstack.cart.CartError;
import io.shopstack.platform.problem.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Operator API for promo codes (internal: an operator token with scope {@code promo:admin}):
 * {@code GET /internal/promo-codes}, {@code GET /internal/promo-codes/{code}}, {@code POST /internal/promo-codes},
 * {@code POST /internal/promo-codes/{code}/deactivate}.
 */
@RestController
@RequestMapping("/internal/promo-codes")
class PromoCodeAdminController {

    private final PromoCodeRepository codes;

    PromoCodeAdminController(PromoCodeRepository codes) {
        this.codes = codes;
    }

    record NewPromoCode(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, _ and - only")
            String code,

            @Size(max = 255) String description,
            @NotNull PromoCode.DiscountType discountType,

            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 4)
            BigDecimal discountValue,

            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
            String currency,

            @DecimalMin("0") @Digits(integer = 15, fraction = 4)
            BigDecimal minimumOrder,

            Instant validFrom,
            Instant validUntil,
            @Min(0) Integer usageLimit) {}

    record PromoCodeView(
            String code,
            String description,
            String discountType,
            BigDecimal discountValue,
            String currency,
            BigDecimal minimumOrder,
            Instant validFrom,
            Instant validUntil,
            Integer usageLimit,
            int timesUsed,
            boolean active) {

        static PromoCodeView of(PromoCode p) {
            return new PromoCodeView(
                    p.getCode(),
                    p.getDescription(),
                    p.getDiscountType().name(),
                    p.getDiscountValue().stripTrailingZeros(),
                    p.getCurrency(),
                    p.getMinimumOrder() == null ? null : p.getMinimumOrder().stripTrailingZeros(),
                    p.getValidFrom(),
                    p.getValidUntil(),
                    p.getUsageLimit(),
                    p.getTimesUsed(),
                    p.isActive());
        }
    }

    @GetMapping
    List<PromoCodeView> list() {
        return codes.findAll().stream().map(PromoCodeView::of).toList();
    }

    @GetMapping("/{code}")
    PromoCodeView get(@PathVariable String code) {
        return PromoCodeView.of(find(code));
    }

    @PostMapping
    ResponseEntity<PromoCodeView> create(@Valid @RequestBody NewPromoCode request) {
        if (request.discountType() == PromoCode.DiscountType.PERCENT
                && request.discountValue().compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new DomainException(CartError.PROMO_INVALID, "A percentage is at most 100.");
        }
        if (request.discountType() == PromoCode.DiscountType.FIXED && request.currency() == null) {
            throw new DomainException(CartError.PROMO_INVALID, "A fixed amount needs a currency.");
        }
        if (request.validFrom() != null
                && request.validUntil() != null
                && !request.validFrom().isBefore(request.validUntil())) {
            throw new DomainException(CartError.PROMO_INVALID, "validFrom must be before validUntil.");
        }
        if (codes.findByCode(PromoCode.normalize(request.code())).isPresent()) {
            throw new DomainException(CartError.PROMO_EXISTS, "The code is already taken.");
        }
        try {
            PromoCode saved = codes.saveAndFlush(new PromoCode(
                    request.code(),
                    request.description(),
                    request.discountType(),
                    request.discountValue(),
                    request.currency(),
                    request.minimumOrder(),
                    request.validFrom(),
                    request.validUntil(),
                    request.usageLimit()));
            return ResponseEntity.status(HttpStatus.CREATED).body(PromoCodeView.of(saved));
        } catch (DataIntegrityViolationException e) {
            throw new DomainException(CartError.PROMO_EXISTS, "The code is already taken.");
        }
    }

    @PostMapping("/{code}/deactivate")
    PromoCodeView deactivate(@PathVariable String code) {
        PromoCode promo = find(code);
        promo.setActive(false);
        return PromoCodeView.of(codes.saveAndFlush(promo));
    }

    private PromoCode find(String code) {
        return codes.findByCode(PromoCode.normalize(code))
                .orElseThrow(() -> new DomainException(CartError.NOT_FOUND, "Promo code " + code + " was not found."));
    }
}

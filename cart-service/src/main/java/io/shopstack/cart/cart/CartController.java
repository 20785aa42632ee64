package io.shopstack.cart.cart;

import io.shopstack.cart.web.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's cart (the token's subject); another user's item ids are simply not found. */
@RestController
@RequestMapping("/api/v1/cart")
class CartController {

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    @GetMapping
    CartViews.CartView get(@AuthenticationPrincipal Jwt jwt) {
        return carts.view(CurrentUser.of(jwt));
    }

    @PostMapping("/items")
    CartViews.CartView add(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CartViews.AddItem request) {
        return carts.add(CurrentUser.of(jwt), request.productId(), request.quantityOrOne());
    }

    @RequestMapping(
            path = "/items/{itemId}",
            method = {
                org.springframework.web.bind.annotation.RequestMethod.PATCH,
                org.springframework.web.bind.annotation.RequestMethod.PUT
            })
    CartViews.CartView changeQuantity(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable long itemId,
            @Valid @RequestBody CartViews.ChangeQuantity request) {
        return carts.changeQuantity(CurrentUser.of(jwt), itemId, request.quantity());
    }

    @DeleteMapping("/items/{itemId}")
    CartViews.CartView remove(@AuthenticationPrincipal Jwt jwt, @PathVariable long itemId) {
        return carts.remove(CurrentUser.of(jwt), itemId);
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@AuthenticationPrincipal Jwt jwt) {
        carts.clear(CurrentUser.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/promo")
    CartViews.CartView applyPromo(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CartViews.ApplyPromo request) {
        return carts.applyPromo(CurrentUser.of(jwt), request.code());
    }

    @PostMapping("/promo")
    CartViews.CartView applyPromoPost(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CartViews.ApplyPromo request) {
        return applyPromo(jwt, request);
    }

    @DeleteMapping("/promo")
    CartViews.CartView removePromo(@AuthenticationPrincipal Jwt jwt) {
        return carts.removePromo(CurrentUser.of(jwt));
    }
}

package io.shopstack.cart.wishlist;

import io.shopstack.cart.cart.CartViews;
import io.shopstack.cart.web.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's wishlist. */
@RestController
@RequestMapping("/api/v1/wishlist")
class WishlistController {

    private final WishlistService wishlists;

    WishlistController(WishlistService wishlists) {
        this.wishlists = wishlists;
    }

    @GetMapping
    WishlistViews.WishlistView get(@AuthenticationPrincipal Jwt jwt) {
        return wishlists.view(CurrentUser.of(jwt));
    }

    /** 201 when added, 200 when the product was already on the wishlist. */
    @PostMapping("/items")
    ResponseEntity<WishlistViews.WishlistView> add(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody WishlistViews.AddItem request) {
        CurrentUser user = CurrentUser.of(jwt);
        boolean created = wishlists.add(user, request.productId());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(wishlists.view(user));
    }

    @DeleteMapping("/items/{itemId}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable long itemId) {
        wishlists.remove(CurrentUser.of(jwt), itemId);
        return ResponseEntity.noContent().build();
    }

    /** Moves the item to the cart (body optional: {@code {"quantity": 2}}); answers with the cart. */
    @PostMapping("/items/{itemId}/move-to-cart")
    CartViews.CartView moveToCart(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable long itemId,
            @Valid @RequestBody(required = false) WishlistViews.MoveToCart request) {
        return wishlists.moveToCart(CurrentUser.of(jwt), itemId, request == null ? 1 : request.quantityOrOne());
    }
}

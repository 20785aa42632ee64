package io.shopstack.cart.catalog;

import io.shopstack.cart.CartError;
import io.shopstack.platform.problem.DomainException;

/** The catalog answered that the product does not exist (never created or deleted). */
public class ProductNotFoundException extends DomainException {

    public ProductNotFoundException(long productId) {
        super(CartError.PRODUCT_NOT_FOUND, "Product " + productId + " does not exist.");
        with("productId", productId);
    }
}

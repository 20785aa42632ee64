package io.shopstack.cart.catalog;

/** The catalog answered that the product does not exist (never created or deleted). */
public class ProductNotFoundException extends RuntimeException {

    private final long productId;

    public ProductNotFoundException(long productId) {
        super("Product " + productId + " does not exist.");
        this.productId = productId;
    }

    public long productId() {
        return productId;
    }
}

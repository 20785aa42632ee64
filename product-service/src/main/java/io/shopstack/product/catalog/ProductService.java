package io.shopstack.product.catalog;

import io.shopstack.events.catalog.EventTypes;
import io.shopstack.outbox.Outbox;
import io.shopstack.product.catalog.ProductDtos.PageView;
import io.shopstack.product.catalog.ProductDtos.PriceChange;
import io.shopstack.product.catalog.ProductDtos.ProductPatch;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductDtos.ProductView;
import io.shopstack.product.catalog.ProductDtos.StockChange;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * Catalog writes: each change and its event are one transaction (the event goes to the outbox), and each write
 * emits exactly one event, carrying the product's version after the change.
 */
@Service
public class ProductService {

    static final String DEFAULT_CURRENCY = "EUR";

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final Outbox outbox;
    private final ProductSearch search;

    ProductService(ProductRepository products, CategoryRepository categories, Outbox outbox, ProductSearch search) {
        this.products = products;
        this.categories = categories;
        this.outbox = outbox;
        this.search = search;
    }

    /** Page and (capped) total on one connection, in one read-only transaction. */
    @Transactional(readOnly = true)
    public PageView<ProductView> list(ProductSearch.Query query) {
        return search.list(query);
    }

    @Transactional(readOnly = true)
    public ProductView get(long id) {
        return ProductView.of(find(id));
    }

    /** One query for all ids; unknown ids are simply absent. */
    @Transactional(readOnly = true)
    public List<ProductView> batch(Collection<Long> ids) {
        return products.findAllById(ids).stream().map(ProductView::of).toList();
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        Product product = new Product(
                request.name().trim(),
                request.description(),
                request.price(),
                currencyOr(request.currency(), DEFAULT_CURRENCY),
                request.stockQuantity(),
                request.active() == null || request.active(),
                category(request.categoryId()));
        products.saveAndFlush(product);
        outbox.append(CatalogEvents.productSnapshot(EventTypes.PRODUCT_CREATED, product));
        return ProductView.of(product);
    }

    @Transactional
    public ProductView replace(long id, ProductRequest request) {
        if (request.version() == null) {
            throw new CatalogExceptions.InvalidField("version", "must not be null");
        }
        Product product = findAtVersion(id, request.version());
        product.describe(request.name().trim(), request.description(), request.active() == null || request.active());
        product.reprice(request.price(), currencyOr(request.currency(), product.getCurrency()));
        product.restock(request.stockQuantity());
        product.categorise(category(request.categoryId()));
        return updated(product);
    }

    @Transactional
    public ProductView patch(long id, ProductPatch patch) {
        Product product = findAtVersion(id, patch.version());
        product.describe(
                patch.name() == null ? product.getName() : patch.name().trim(),
                patch.description() == null ? product.getDescription() : patch.description(),
                patch.active() == null ? product.isActive() : patch.active());
        if (Boolean.TRUE.equals(patch.uncategorised())) {
            product.categorise(null);
        } else if (patch.categoryId() != null) {
            product.categorise(category(patch.categoryId()));
        }
        return updated(product);
    }

    @Transactional
    public ProductView changePrice(long id, PriceChange change) {
        Product product = findAtVersion(id, change.version());
        BigDecimal oldPrice = product.getPrice();
        product.reprice(change.price(), currencyOr(change.currency(), product.getCurrency()));
        products.saveAndFlush(product);
        outbox.append(CatalogEvents.priceChanged(product, oldPrice));
        return ProductView.of(product);
    }

    @Transactional
    public ProductView changeStock(long id, StockChange change) {
        Product product = findAtVersion(id, change.version());
        product.restock(change.stockQuantity());
        products.saveAndFlush(product);
        outbox.append(CatalogEvents.stockChanged(product));
        return ProductView.of(product);
    }

    @Transactional
    public void delete(long id) {
        Product product = find(id);
        products.delete(product);
        products.flush();
        outbox.append(CatalogEvents.productDeleted(product));
    }

    private ProductView updated(Product product) {
        products.saveAndFlush(product);
        outbox.append(CatalogEvents.productSnapshot(EventTypes.PRODUCT_UPDATED, product));
        return ProductView.of(product);
    }

    private Product find(long id) {
        return products.findById(id).orElseThrow(() -> new CatalogExceptions.NotFound("Product", id));
    }

    private Product findAtVersion(long id, long expectedVersion) {
        Product product = find(id);
        if (product.getVersion() != expectedVersion) {
            throw new CatalogExceptions.VersionConflict("Product", id, expectedVersion, product.getVersion());
        }
        return product;
    }

    private Category category(Long categoryId) {
        if (categoryId == null) {
            return null;
        }
        return categories
                .findById(categoryId)
                .orElseThrow(() ->
                        new CatalogExceptions.InvalidField("categoryId", "category " + categoryId + " does not exist"));
    }

    private static String currencyOr(String currency, String fallback) {
        return currency == null ? fallback : currency;
    }
}

package io.shopstack.product.catalog;

import io.shopstack.product.catalog.ProductDtos.PageView;
import io.shopstack.product.catalog.ProductDtos.PriceChange;
import io.shopstack.product.catalog.ProductDtos.ProductPatch;
import io.shopstack.product.catalog.ProductDtos.ProductRequest;
import io.shopstack.product.catalog.ProductDtos.ProductView;
import io.shopstack.product.catalog.ProductDtos.StockChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;

@RestController
@RequestMapping("/api/products")
class ProductController {

    static final int MAX_BATCH = 100;

    private final ProductService catalog;

    ProductController(ProductService catalog) {
        this.catalog = catalog;
    }

    /**
     * Paged list; filter by category, search by name, sort by {@code name|price|createdAt|id} and direction (ties in
     * {@code id} order of the same direction). Totals above {@link ProductSearch#COUNT_LIMIT} are not counted exactly
     * ({@code totalExact}). Conditional: an ETag over the page's products and their versions.
     */
    @GetMapping
    ResponseEntity<PageView<ProductView>> list(
            @RequestParam(required = false) Long categoryId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "false") boolean includeInactive,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(defaultValue = "id,asc")
                    @Pattern(
                            regexp = "(id|name|price|createdAt)(,(asc|desc))?",
                            message = "must be one of id, name, price, createdAt, optionally followed by ,asc or ,desc")
                    String sort,
            Principal user) {
        String[] parts = sort.split(",");
        boolean descending = parts.length > 1 && parts[1].equals("desc");
        PageView<ProductView> result = catalog.list(new ProductSearch.Query(
                categoryId,
                q,
                includeInactive,
                ProductSearch.ProductSort.fromApiName(parts[0]),
                descending,
                page,
                size));
        return CatalogHttpCaching.conditional(CatalogHttpCaching.pageTag(result), user, !includeInactive)
                .body(result);
    }

    /** Conditional: the ETag is the product's version, so any change (price, stock, category rename) changes it. */
    @GetMapping("/{id}")
    ResponseEntity<ProductView> get(@PathVariable long id, Principal user) {
        ProductView product = catalog.get(id);
        return CatalogHttpCaching.conditional(CatalogHttpCaching.productTag(product), user, true)
                .body(product);
    }

    /** For callers that need many products at once (the cart): one query, unknown ids absent. */
    @GetMapping("/batch")
    List<ProductView> batch(@RequestParam @NotEmpty @Size(max = MAX_BATCH) List<Long> ids) {
        return catalog.batch(new LinkedHashSet<>(ids));
    }

    @PostMapping
    ResponseEntity<ProductView> create(@Valid @RequestBody ProductRequest request) {
        ProductView created = catalog.create(request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                        .path("/{id}")
                        .buildAndExpand(created.id())
                        .toUri())
                .body(created);
    }

    @PutMapping("/{id}")
    ProductView replace(@PathVariable long id, @Valid @RequestBody ProductRequest request) {
        return catalog.replace(id, request);
    }

    @PatchMapping("/{id}")
    ProductView patch(@PathVariable long id, @Valid @RequestBody ProductPatch patch) {
        return catalog.patch(id, patch);
    }

    @PutMapping("/{id}/price")
    ProductView changePrice(@PathVariable long id, @Valid @RequestBody PriceChange change) {
        return catalog.changePrice(id, change);
    }

    @PutMapping("/{id}/stock")
    ProductView changeStock(@PathVariable long id, @Valid @RequestBody StockChange change) {
        return catalog.changeStock(id, change);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}

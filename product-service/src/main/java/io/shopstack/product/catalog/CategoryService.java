package io.shopstack.product.catalog;

import io.shopstack.outbox.Outbox;
import io.shopstack.product.catalog.CategoryDtos.CategoryRequest;
import io.shopstack.product.catalog.CategoryDtos.CategoryView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Categories. A rename updates the denormalised {@code category_name} of all its products in the same transaction
 * and emits {@code category.updated}; consumers apply it to their own copies by category id.
 */
@Service
public class CategoryService {

    private final CategoryRepository categories;
    private final ProductRepository products;
    private final Outbox outbox;

    CategoryService(CategoryRepository categories, ProductRepository products, Outbox outbox) {
        this.categories = categories;
        this.products = products;
        this.outbox = outbox;
    }

    @Transactional(readOnly = true)
    public List<CategoryView> list() {
        return categories.findAllByOrderByNameAsc().stream()
                .map(CategoryView::of)
                .toList();
    }

    @Transactional(readOnly = true)
    public CategoryView get(long id) {
        return CategoryView.of(find(id));
    }

    @Transactional
    public CategoryView create(CategoryRequest request) {
        String name = request.name().trim();
        if (categories.existsByNameIgnoreCase(name)) {
            throw new CatalogExceptions.NameTaken(name);
        }
        Category category = categories.saveAndFlush(new Category(name, request.description()));
        return CategoryView.of(category);
    }

    @Transactional
    public CategoryView update(long id, CategoryRequest request) {
        if (request.version() == null) {
            throw new CatalogExceptions.InvalidField("version", "must not be null");
        }
        Category category = find(id);
        if (category.getVersion() != request.version()) {
            throw new CatalogExceptions.VersionConflict("Category", id, request.version(), category.getVersion());
        }
        String name = request.name().trim();
        if (categories.existsByNameIgnoreCaseAndIdNot(name, id)) {
            throw new CatalogExceptions.NameTaken(name);
        }
        boolean renamed = !category.getName().equals(name);
        category.rename(name, request.description());
        categories.saveAndFlush(category);
        if (renamed) {
            products.renameCategory(id, name, Instant.now());
            outbox.append(CatalogEvents.categoryUpdated(category));
        }
        return CategoryView.of(category);
    }

    @Transactional
    public void delete(long id) {
        Category category = find(id);
        products.uncategorise(id, Instant.now());
        categories.delete(category);
        categories.flush();
        outbox.append(CatalogEvents.categoryDeleted(category));
    }

    private Category find(long id) {
        return categories.findById(id).orElseThrow(() -> new CatalogExceptions.NotFound("Category", id));
    }
}

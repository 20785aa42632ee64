package io.shopstack.product.catalog;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;

public interface ProductRepository extends JpaRepository<Product, Long>, JpaSpecificationExecutor<Product> {

    /** Renaming a category: one UPDATE for all its products (their version moves on, as for any change). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Product p set p.categoryName = :name, p.version = p.version + 1, p.updatedAt = :now
            where p.categoryId = :categoryId""")
    int renameCategory(@Param("categoryId") long categoryId, @Param("name") String name, @Param("now") Instant now);

    /** Deleting a category leaves its products uncategorised. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update Product p set p.categoryId = null, p.categoryName = null, p.version = p.version + 1, p.updatedAt = :now
            where p.categoryId = :categoryId""")
    int uncategorise(@Param("categoryId") long categoryId, @Param("now") Instant now);
}

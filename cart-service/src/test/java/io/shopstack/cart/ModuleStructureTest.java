package io.shopstack.cart;

import io.shopstack.testsupport.ModuleStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The feature packages (cart, wishlist, promo, catalog, events, internal, web) depend on each other without cycles (Spring Modulith). */
@Tag("architecture")
class ModuleStructureTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        ModuleStructure.verify(CartServiceApplication.class);
    }
}

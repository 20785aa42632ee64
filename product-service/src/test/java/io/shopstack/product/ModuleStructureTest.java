package io.shopstack.product;

import io.shopstack.testsupport.ModuleStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The feature packages (catalog, outbox, demo) depend on each other without cycles (Spring Modulith). */
@Tag("architecture")
class ModuleStructureTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        ModuleStructure.verify(ProductServiceApplication.class);
    }
}

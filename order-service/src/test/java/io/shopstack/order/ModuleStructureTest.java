package io.shopstack.order;

import io.shopstack.testsupport.ModuleStructure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The feature packages (order, payment, cart, web) depend on each other without cycles (Spring Modulith). */
@Tag("architecture")
class ModuleStructureTest {

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        ModuleStructure.verify(OrderServiceApplication.class);
    }
}

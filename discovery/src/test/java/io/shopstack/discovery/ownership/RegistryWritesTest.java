package io.shopstack.discovery.ownership;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RegistryWritesTest {

    @Test
    void theOwnersWritesNameTheirApplication() {
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/apps/CART-SERVICE"))
                .hasValue("CART-SERVICE");
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/v2/apps/cart-service"))
                .hasValue("cart-service");
        assertThat(RegistryWrites.applicationOf("PUT", "/eureka/apps/CART-SERVICE/localhost:cart-service:8003"))
                .hasValue("CART-SERVICE");
        assertThat(RegistryWrites.applicationOf("PUT", "/eureka/apps/CART-SERVICE/id/status"))
                .hasValue("CART-SERVICE");
        assertThat(RegistryWrites.applicationOf("PUT", "/eureka/apps/CART-SERVICE/id/metadata"))
                .hasValue("CART-SERVICE");
        assertThat(RegistryWrites.applicationOf("DELETE", "/eureka/apps/CART-SERVICE/id"))
                .hasValue("CART-SERVICE");
        assertThat(RegistryWrites.applicationOf("DELETE", "/eureka/apps/CART-SERVICE/id/status"))
                .hasValue("CART-SERVICE");
    }

    @Test
    void everythingElseIsNoOwnersWrite() {
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/apps/PRODUCT%2DSERVICE"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/apps/CART-SERVICE/"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/v2x/apps/CART-SERVICE"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("POST", "/eureka/peerreplication/batch"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("PUT", "/eureka/asg/x/status")).isEmpty();
        assertThat(RegistryWrites.applicationOf("DELETE", "/eureka/apps/CART-SERVICE/id/metadata"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("PATCH", "/eureka/apps/CART-SERVICE/id"))
                .isEmpty();
        assertThat(RegistryWrites.applicationOf("POST", "/")).isEmpty();
    }
}

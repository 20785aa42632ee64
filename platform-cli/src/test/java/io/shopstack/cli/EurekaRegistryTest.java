package io.shopstack.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Eureka's {@code /eureka/apps} JSON (the server's answer is covered by the end-to-end suite). */
@Tag("unit")
class EurekaRegistryTest {

    @Test
    void countsTheInstancesThatAreUpPerApplication() throws Exception {
        String apps = """
                {"applications": {"versions__delta": "1", "apps__hashcode": "UP_3_DOWN_1_", "application": [
                  {"name": "CART-SERVICE", "instance": [
                    {"instanceId": "host:cart-service:8003", "app": "CART-SERVICE", "status": "UP",
                     "port": {"$": 8003, "@enabled": "true"}},
                    {"instanceId": "host:cart-service:41234", "app": "CART-SERVICE", "status": "UP"},
                    {"instanceId": "host:cart-service:41235", "app": "CART-SERVICE", "status": "DOWN"}]},
                  {"name": "GATEWAY", "instance": {"instanceId": "host:gateway:8080", "app": "GATEWAY",
                                                   "status": "UP"}},
                  {"name": "DISCOVERY", "instance": [{"app": "DISCOVERY", "status": "STARTING"}]}]}}""";
        assertThat(EurekaRegistry.upInstances(apps)).containsExactly(entry("CART-SERVICE", 2), entry("GATEWAY", 1));
    }

    @Test
    void anEmptyRegistryListsNothing() throws Exception {
        assertThat(EurekaRegistry.upInstances("""
                {"applications": {"versions__delta": "1", "apps__hashcode": "", "application": []}}""")).isEmpty();
    }

    @Test
    void anAnswerThatIsNoJsonIsAnIoFailure() {
        assertThatThrownBy(() -> EurekaRegistry.upInstances("<applications/>")).isInstanceOf(IOException.class);
    }
}

package io.shopstack.discovery;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.shared.Application;
import com.netflix.discovery.shared.Applications;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.configuration.TlsProperties;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.cloud.netflix.eureka.InstanceInfoFactory;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactory;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, discovery trust: an identity writes only instances of its own application name. Before, one shared login
 * could register an instance as PRODUCT-SERVICE and so receive the shoppers' tokens the gateway and cart relay to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryOwnershipTest {

    @LocalServerPort
    int port;

    @Autowired
    PeerAwareInstanceRegistry registry;

    @Test
    void anotherServicesCredentialCannotRegisterAnInstanceUnderProductService() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        String impostor = EurekaHttp.instance("PRODUCT-SERVICE", "impostor:product-service:6666", "product-service");

        for (String path : List.of(
                "/eureka/apps/PRODUCT-SERVICE", "/eureka/apps/product-service", "/eureka/v2/apps/PRODUCT-SERVICE")) {
            var refused = eureka.post(path, impostor, EurekaHttp.CART_SERVICE);
            assertProblem(refused, "APPLICATION_NAME_NOT_OWNED");
        }
        assertThat(instanceIds("PRODUCT-SERVICE")).doesNotContain("impostor:product-service:6666");
        assertThat(eureka.get("/eureka/apps", EurekaHttp.OPERATOR).body()).doesNotContain("impostor");
    }

    @Test
    void theOwnerRegistersItsInstanceAndAnotherIdentityCannotRenewChangeOrCancelIt() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        String id = "owner:product-service:7001";
        var registered = eureka.post(
                "/eureka/apps/PRODUCT-SERVICE",
                EurekaHttp.instance("PRODUCT-SERVICE", id, "product-service"),
                EurekaHttp.PRODUCT_SERVICE);
        assertThat(registered.statusCode()).isEqualTo(204);
        var listed = eureka.get("/eureka/apps/PRODUCT-SERVICE", EurekaHttp.OPERATOR);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(id);

        String instance = "/eureka/apps/PRODUCT-SERVICE/" + id;
        for (String[] write : List.of(
                new String[] {"PUT", instance + "?status=UP"},
                new String[] {"PUT", instance + "/status?value=OUT_OF_SERVICE"},
                new String[] {"DELETE", instance + "/status"},
                new String[] {"PUT", instance + "/metadata?management.port=6666"},
                new String[] {"DELETE", instance},
                new String[] {"DELETE", "/eureka/v2/apps/product-service/" + id})) {
            var refused = eureka.send(write[0], write[1], null, EurekaHttp.CART_SERVICE);
            assertProblem(refused, "APPLICATION_NAME_NOT_OWNED");
        }
        InstanceInfo kept = registry.getInstanceByAppAndId("PRODUCT-SERVICE", id);
        assertThat(kept).isNotNull();
        assertThat(kept.getStatus()).isEqualTo(InstanceInfo.InstanceStatus.UP);
        assertThat(kept.getMetadata()).doesNotContainKey("management.port");

        // The owner may do all of it.
        assertThat(eureka.send("PUT", instance + "?status=UP", null, EurekaHttp.PRODUCT_SERVICE)
                        .statusCode())
                .isEqualTo(200);
        assertThat(eureka.send("DELETE", instance, null, EurekaHttp.PRODUCT_SERVICE)
                        .statusCode())
                .isEqualTo(200);
        assertThat(registry.getInstanceByAppAndId("PRODUCT-SERVICE", id)).isNull();
    }

    @Test
    void anInstanceCannotClaimAnotherServicesVirtualHostNameWhichCallersLookUp() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        // lb://product-service (gateway), cart's Feign client and Spring Boot Admin find instances by vipAddress.
        var refused = eureka.post(
                "/eureka/apps/CART-SERVICE",
                EurekaHttp.instance("CART-SERVICE", "vip-thief:cart-service:6667", "product-service"),
                EurekaHttp.CART_SERVICE);
        assertProblem(refused, "VIP_ADDRESS_NOT_OWNED");
        var commaList = eureka.post(
                "/eureka/apps/CART-SERVICE",
                EurekaHttp.instance("CART-SERVICE", "vip-thief:cart-service:6668", "cart-service,product-service"),
                EurekaHttp.CART_SERVICE);
        assertProblem(commaList, "VIP_ADDRESS_NOT_OWNED");
        // The body must name the path's application (Eureka answers 400 otherwise; here the owner check comes first).
        var otherBody = eureka.post(
                "/eureka/apps/CART-SERVICE",
                EurekaHttp.instance("PRODUCT-SERVICE", "body-thief:product-service:6669", "product-service"),
                EurekaHttp.CART_SERVICE);
        assertThat(otherBody.statusCode()).isIn(400, 403);

        assertThat(instanceIds("CART-SERVICE")).noneMatch(id -> id.contains("thief"));
        assertThat(instanceIds("PRODUCT-SERVICE")).noneMatch(id -> id.contains("thief"));
        assertThat(eureka.get("/eureka/vips/product-service", EurekaHttp.OPERATOR)
                        .body())
                .doesNotContain("thief");
    }

    @Test
    void orderServiceRegistersAsItselfOnlyAndNoOtherIdentityAsOrderService() throws Exception {
        // The gateway relays shoppers' tokens to lb://order-service, which relays them on to lb://cart-service.
        EurekaHttp eureka = new EurekaHttp(port);
        String id = "owner:order-service:8004";
        var registered = eureka.post(
                "/eureka/apps/ORDER-SERVICE",
                EurekaHttp.instance("ORDER-SERVICE", id, "order-service"),
                EurekaHttp.ORDER_SERVICE);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(204);

        assertProblem(
                eureka.post(
                        "/eureka/apps/CART-SERVICE",
                        EurekaHttp.instance("CART-SERVICE", "impostor:cart-service:6670", "cart-service"),
                        EurekaHttp.ORDER_SERVICE),
                "APPLICATION_NAME_NOT_OWNED");
        assertProblem(
                eureka.post(
                        "/eureka/apps/ORDER-SERVICE",
                        EurekaHttp.instance("ORDER-SERVICE", "vip-thief:order-service:6671", "cart-service"),
                        EurekaHttp.ORDER_SERVICE),
                "VIP_ADDRESS_NOT_OWNED");
        assertProblem(
                eureka.post(
                        "/eureka/apps/ORDER-SERVICE",
                        EurekaHttp.instance("ORDER-SERVICE", "impostor:order-service:6672", "order-service"),
                        EurekaHttp.CART_SERVICE),
                "APPLICATION_NAME_NOT_OWNED");
        assertProblem(
                eureka.send("DELETE", "/eureka/apps/ORDER-SERVICE/" + id, null, EurekaHttp.CART_SERVICE),
                "APPLICATION_NAME_NOT_OWNED");
        assertThat(instanceIds("ORDER-SERVICE")).containsExactly(id);
        assertThat(instanceIds("CART-SERVICE")).noneMatch(instance -> instance.startsWith("impostor:"));

        assertThat(eureka.send("DELETE", "/eureka/apps/ORDER-SERVICE/" + id, null, EurekaHttp.ORDER_SERVICE)
                        .statusCode())
                .isEqualTo(200);
        assertThat(instanceIds("ORDER-SERVICE")).isEmpty();
    }

    @Test
    void readOnlyIdentitiesReadTheRegistryAndRegisterNothing() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        for (String reader : List.of(EurekaHttp.PROMETHEUS, EurekaHttp.OPERATOR)) {
            assertThat(eureka.get("/eureka/apps", reader).statusCode()).isEqualTo(200);
            assertProblem(
                    eureka.post(
                            "/eureka/apps/PROMETHEUS",
                            EurekaHttp.instance("PROMETHEUS", "reader:prometheus:9091", "prometheus"),
                            reader),
                    "FORBIDDEN");
            assertProblem(
                    eureka.post(
                            "/eureka/apps/PRODUCT-SERVICE",
                            EurekaHttp.instance("PRODUCT-SERVICE", "reader:product-service:9091", "product-service"),
                            reader),
                    "FORBIDDEN");
        }
        assertThat(instanceIds("PROMETHEUS")).isEmpty();
        assertThat(instanceIds("PRODUCT-SERVICE")).noneMatch(id -> id.startsWith("reader:"));
    }

    @Test
    void replicationAndOtherWritesAreRefusedEvenForAnOwnName() throws Exception {
        EurekaHttp eureka = new EurekaHttp(port);
        // A peer's replicated writes skip owner checks: this registry has no peers.
        var batch =
                eureka.post("/eureka/peerreplication/batch", "{\"replicationList\":[]}", EurekaHttp.PRODUCT_SERVICE);
        assertProblem(batch, "FORBIDDEN");
        var replicated = eureka.http()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + port + "/eureka/apps/PRODUCT-SERVICE"))
                                .header("Authorization", EurekaHttp.PRODUCT_SERVICE)
                                .header("Content-Type", "application/json")
                                .header("x-netflix-discovery-replication", "true")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(EurekaHttp.instance(
                                        "PRODUCT-SERVICE", "replicated:product-service:1", "product-service")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replicated.statusCode()).isEqualTo(403);
        // Another API version, an encoded name, ASG status, the dashboard: no owner's write.
        String own = EurekaHttp.instance("PRODUCT-SERVICE", "odd:product-service:2", "product-service");
        assertProblem(eureka.post("/eureka/v2x/apps/PRODUCT-SERVICE", own, EurekaHttp.PRODUCT_SERVICE), "FORBIDDEN");
        assertProblem(eureka.post("/eureka/apps/PRODUCT%2DSERVICE", own, EurekaHttp.PRODUCT_SERVICE), "FORBIDDEN");
        assertProblem(
                eureka.send("PUT", "/eureka/asg/any/status?value=DISABLED", null, EurekaHttp.PRODUCT_SERVICE),
                "FORBIDDEN");
        assertProblem(eureka.post("/", "{}", EurekaHttp.PRODUCT_SERVICE), "FORBIDDEN");
        assertThat(instanceIds("PRODUCT-SERVICE"))
                .doesNotContain("replicated:product-service:1", "odd:product-service:2");
    }

    @Test
    void aSpringCloudEurekaClientRegistersRenewsAndCancelsWithItsOwnCredential() throws Exception {
        InstanceInfo instance = instanceAsAServiceRegistersIt("product-service", 18002);
        EurekaHttpClient productService = client("product-service");
        EurekaHttpClient cartService = client("cart-service");
        try {
            assertThat(cartService.register(instance).getStatusCode()).isEqualTo(403);
            assertThat(instanceIds("PRODUCT-SERVICE")).doesNotContain(instance.getInstanceId());

            assertThat(productService.register(instance).getStatusCode()).isEqualTo(204);
            assertThat(productService
                            .sendHeartBeat(instance.getAppName(), instance.getInstanceId(), instance, null)
                            .getStatusCode())
                    .isEqualTo(200);
            // Found the way callers look it up: by virtual host name, in the client's index of the registry.
            Applications applications = productService.getApplications().getEntity();
            applications.shuffleInstances(false);
            List<InstanceInfo> listed = applications.getInstancesByVirtualHostName("product-service");
            assertThat(listed).extracting(InstanceInfo::getInstanceId).contains(instance.getInstanceId());

            assertThat(cartService
                            .cancel(instance.getAppName(), instance.getInstanceId())
                            .getStatusCode())
                    .isEqualTo(403);
            assertThat(productService
                            .cancel(instance.getAppName(), instance.getInstanceId())
                            .getStatusCode())
                    .isEqualTo(200);
            assertThat(instanceIds("PRODUCT-SERVICE")).doesNotContain(instance.getInstanceId());
        } finally {
            productService.shutdown();
            cartService.shutdown();
        }
    }

    /** What Spring Cloud Netflix builds from a service's settings (virtual host names = spring.application.name). */
    private static InstanceInfo instanceAsAServiceRegistersIt(String applicationName, int port) {
        EurekaInstanceConfigBean config = new EurekaInstanceConfigBean(new InetUtils(new InetUtilsProperties()));
        config.setAppname(applicationName);
        config.setVirtualHostName(applicationName);
        config.setSecureVirtualHostName(applicationName);
        config.setHostname("localhost");
        config.setIpAddress("127.0.0.1");
        config.setNonSecurePort(port);
        config.setInstanceId("localhost:" + applicationName + ":" + port);
        return new InstanceInfoFactory().create(config);
    }

    /** The transport Spring Cloud Netflix gives a servlet service, with the credential in defaultZone's user-info. */
    private EurekaHttpClient client(String identity) {
        return new RestClientTransportClientFactory(
                        new TlsProperties(),
                        new DefaultEurekaClientHttpRequestFactorySupplier(new TimeoutProperties(), Set.of()))
                .newClient(new DefaultEndpoint(
                        "http://" + identity + ":" + identity + "-eureka-dev-password@127.0.0.1:" + port + "/eureka/"));
    }

    private List<String> instanceIds(String application) {
        Application registered = registry.getApplication(application);
        return registered == null
                ? List.of()
                : registered.getInstances().stream()
                        .map(InstanceInfo::getInstanceId)
                        .toList();
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":403").contains("\"code\":\"" + code + "\"");
    }
}

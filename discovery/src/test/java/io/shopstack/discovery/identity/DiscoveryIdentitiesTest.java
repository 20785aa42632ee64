package io.shopstack.discovery.identity;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class DiscoveryIdentitiesTest {

    private static final String HASH = "$2a$10$qaOSXm1rBcoQSDUCNyM7LeSf/7DXc5TIYTLiJblEFbYtXDH4FYGai";

    @Test
    void aPlainPasswordWhereAHashBelongsFailsTheStartWithoutShowingIt() {
        assertThatThrownBy(() -> identities("product-service", Access.REGISTER_OWN_NAME, "s3cret-password"))
                .hasMessageContaining("shopstack.discovery.identities.product-service.password-hash is not a bcrypt")
                .hasMessageNotContaining("s3cret-password");
    }

    @Test
    void aMissingHashOrAccessFailsTheStart() {
        assertThatThrownBy(() -> identities("gateway", Access.REGISTER_OWN_NAME, " "))
                .hasMessageContaining("gateway.password-hash is missing");
        assertThatThrownBy(() -> identities("gateway", null, HASH)).hasMessageContaining("gateway.access is missing");
        assertThatThrownBy(() -> new DiscoveryIdentities(Map.of())).hasMessageContaining("is empty");
    }

    @Test
    void aBcryptHashWithOrWithoutSpringSecuritysPrefixIsAccepted() {
        assertThat(identities("gateway", Access.READ, HASH).identities()).containsKey("gateway");
        assertThat(identities("gateway", Access.READ, "{bcrypt}" + HASH)
                        .identities()
                        .get("gateway")
                        .bcryptHash())
                .isEqualTo(HASH);
    }

    private static DiscoveryIdentities identities(String name, Access access, String hash) {
        return new DiscoveryIdentities(Map.of(name, new DiscoveryIdentities.Identity(access, hash)));
    }
}

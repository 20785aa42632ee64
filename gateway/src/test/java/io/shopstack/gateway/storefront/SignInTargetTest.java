package io.shopstack.gateway.storefront;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** "Sign in" returns only to a page of this origin: no open redirect through {@code /sign-in?to=}. */
@Tag("unit")
class SignInTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/products/7", "/?q=cup&page=2", "/cart"})
    void aLocalPathIsFollowed(String path) {
        assertThat(StorefrontPages.isLocalPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"//evil.example/", "https://evil.example/", "/\\evil.example", "evil", "/a\nb", "http:/x", ""})
    void anythingElseIsNot(String target) {
        assertThat(StorefrontPages.isLocalPath(target)).isFalse();
    }
}

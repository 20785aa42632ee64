package io.shopstack.platform.production;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class ProductionCheckTest {

    private static final ClassLoader LOADER = ProductionCheckTest.class.getClassLoader();
    private static final DevelopmentValues DEVELOPMENT = DevelopmentValues.load(LOADER);

    @Test
    void requirementsAreTheUnionOfEveryFileWithGroupsExpanded() {
        assertThat(ProductionRequirements.load(LOADER).variables())
                .containsExactly(
                        "CONFIG_SERVER_URL", "CONFIG_SERVER_USER", "CONFIG_SERVER_PASSWORD", "SHOPSTACK_TEST_SECRET");
    }

    @Test
    void missingEmptyAndDevelopmentValuesAreNamedNeverShown() {
        ProductionCheck check = ProductionCheck.of(
                ProductionRequirements.load(LOADER),
                DEVELOPMENT,
                List.of("prod"),
                Map.of(
                        "CONFIG_SERVER_URL", "https://config.internal:8888",
                        "CONFIG_SERVER_USER", " ",
                        "SHOPSTACK_TEST_SECRET", "config-dev-password")::get);
        assertThat(check.passed()).isFalse();
        assertThat(check.missing()).containsExactly("CONFIG_SERVER_USER", "CONFIG_SERVER_PASSWORD");
        assertThat(check.developmentValues()).containsExactly("SHOPSTACK_TEST_SECRET");
        assertThat(check.describe())
                .isEqualTo("The prod profile refuses to start (missing or empty: CONFIG_SERVER_USER,"
                        + " CONFIG_SERVER_PASSWORD; development value in: SHOPSTACK_TEST_SECRET).")
                .doesNotContain("config-dev-password")
                .doesNotContain("\n");
    }

    @Test
    void productionValuesPass() {
        ProductionCheck check = ProductionCheck.of(
                new ProductionRequirements(Set.of("A", "B")),
                DEVELOPMENT,
                List.of("prod"),
                Map.of("A", "k8s-generated-7f3a9c", "B", "https://eureka.internal/eureka/")::get);
        assertThat(check.passed()).isTrue();
    }

    @Test
    void localTogetherWithProdIsRefused() {
        ProductionCheck check = ProductionCheck.of(
                new ProductionRequirements(Set.of()), DEVELOPMENT, List.of("prod", "local"), name -> null);
        assertThat(check.passed()).isFalse();
        assertThat(check.describe()).contains("profile 'local' is active too");
    }

    @Test
    void developmentValuesAreRecognisedAlsoInsideLongerValues() {
        assertThat(DEVELOPMENT.isDevelopmentValue("http://eureka:eureka-dev-password@discovery:8761/eureka/"))
                .isTrue();
        assertThat(DEVELOPMENT.isDevelopmentValue("shopstack-dev-encrypt-key-change-me"))
                .isTrue();
        assertThat(DEVELOPMENT.isDevelopmentValue("product-service-dev-secret")).isTrue();
        assertThat(DEVELOPMENT.isDevelopmentValue("Password")).isTrue();
        assertThat(DEVELOPMENT.published()).allMatch(hash -> DEVELOPMENT.isDevelopmentValue(hash));
        assertThat(DEVELOPMENT.isDevelopmentValue("{bcrypt}$2a$10$production.hash.made.by.the.operator"))
                .isFalse();
    }

    @Test
    void anUnknownGroupIsABuildMistake(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(ProductionRequirements.LOCATION);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "groups=no-such-group\n");
        try (URLClassLoader broken = new URLClassLoader(new URL[] {dir.toUri().toURL()}, LOADER)) {
            assertThatThrownBy(() -> ProductionRequirements.load(broken)).hasMessageContaining("no-such-group");
        }
    }
}

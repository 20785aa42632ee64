package io.shopstack.platform.production;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard in a real Spring Boot start: prod refuses before any bean exists, other profiles are untouched. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionGuardTest {

    @Configuration(proxyBeanMethods = false)
    static class Empty {}

    @Test
    void prodWithoutItsVariablesDoesNotStartAndSaysWhichOnesInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--CONFIG_SERVER_URL=https://config.internal"))
                .isInstanceOf(ProductionConfigurationException.class);
        assertThat(output)
                .contains("The prod profile refuses to start (missing or empty: CONFIG_SERVER_USER,"
                        + " CONFIG_SERVER_PASSWORD, SHOPSTACK_TEST_SECRET).")
                .contains("Running in production");
    }

    @Test
    void prodWithADevelopmentSecretDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "--spring.profiles.active=prod",
                        "--CONFIG_SERVER_URL=https://config.internal",
                        "--CONFIG_SERVER_USER=config",
                        "--CONFIG_SERVER_PASSWORD=config-dev-password",
                        "--SHOPSTACK_TEST_SECRET=s3cr3t-from-the-vault"))
                .isInstanceOf(ProductionConfigurationException.class)
                .hasMessage("The prod profile refuses to start (development value in: CONFIG_SERVER_PASSWORD).");
        assertThat(output).doesNotContain("config-dev-password");
    }

    @Test
    void prodWithItsOwnValuesStarts() {
        try (ConfigurableApplicationContext context = start(
                "--spring.profiles.active=prod",
                "--CONFIG_SERVER_URL=https://config.internal",
                "--CONFIG_SERVER_USER=config",
                "--CONFIG_SERVER_PASSWORD=Zr8!vault-generated",
                "--SHOPSTACK_TEST_SECRET=s3cr3t-from-the-vault")) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod");
        }
    }

    @Test
    void otherProfilesAreNotChecked() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.isActive()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }
}

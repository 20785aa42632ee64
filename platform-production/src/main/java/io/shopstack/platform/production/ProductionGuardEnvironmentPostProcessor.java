package io.shopstack.platform.production;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

import java.util.Set;

/**
 * Under {@code prod}, stops the start before anything connects anywhere when a required variable is missing, empty or
 * a development value (see {@link ProductionCheck}). It runs before config data is loaded (so before the config-server
 * import, whose failure would name one variable at best), which is why it reads the active profiles from
 * {@code spring.profiles.active} (environment, system property or command line: how {@code prod} is switched on)
 * and the variables from the environment as it stands then.
 */
public class ProductionGuardEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** Before {@code ConfigDataEnvironmentPostProcessor} (highest precedence + 10). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    static final String PRODUCTION_PROFILE = "prod";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<String> profiles =
                StringUtils.commaDelimitedListToSet(environment.getProperty("spring.profiles.active", ""));
        profiles.removeIf(String::isBlank);
        if (!profiles.stream().map(String::trim).toList().contains(PRODUCTION_PROFILE)) {
            return;
        }
        ClassLoader classLoader = application.getClassLoader();
        ProductionCheck check = ProductionCheck.of(
                ProductionRequirements.load(classLoader),
                DevelopmentValues.load(classLoader),
                profiles.stream().map(String::trim).toList(),
                environment::getProperty);
        if (!check.passed()) {
            throw new ProductionConfigurationException(check);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

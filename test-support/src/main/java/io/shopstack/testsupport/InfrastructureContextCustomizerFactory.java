package io.shopstack.testsupport;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import io.shopstack.infrastructure.Server;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes the embedded servers' addresses as Spring properties for test classes annotated with
 * {@link WithInfrastructure}. The customizer is a value (servers + database), so Spring's context cache reuses one
 * context for all classes that ask for the same thing.
 */
public class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configurations) {
        WithInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, WithInfrastructure.class);
        return annotation == null
                ? null
                : new Customizer(List.copyOf(Arrays.asList(annotation.value())), annotation.database());
    }

    private record Customizer(List<Server> servers, String database) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Set<Server> required = EnumSet.noneOf(Server.class);
            required.addAll(servers);
            EmbeddedInfrastructure infrastructure = SharedInfrastructure.require(required, database);
            Map<String, Object> properties = Map.copyOf(infrastructure.springProperties(database));
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("shopstack-embedded-infrastructure", properties));
            CloseContextsBeforeInfrastructure.register(context);
        }
    }
}

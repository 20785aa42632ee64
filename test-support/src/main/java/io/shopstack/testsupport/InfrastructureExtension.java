package io.shopstack.testsupport;

import io.shopstack.infrastructure.EmbeddedInfrastructure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts what {@link WithInfrastructure} asks for before the class runs; injects {@link EmbeddedInfrastructure}. */
public class InfrastructureExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedInfrastructure.require(annotation(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedInfrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedInfrastructure.require(annotation(context));
    }

    private static WithInfrastructure annotation(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithInfrastructure.class)
                .orElseThrow(() ->
                        new IllegalStateException("@WithInfrastructure missing on " + context.getRequiredTestClass()));
    }
}

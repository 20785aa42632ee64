package io.shopstack.platform.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refusal as one line and what to do, instead of a stack trace. */
class ProductionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the named environment variables to this deployment's own values (README, \"Running in production\").",
                cause);
    }
}

package io.shopstack.testsupport;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the application contexts that use the shared infrastructure once all tests have run, before the JVM's
 * shutdown hooks stop the servers. Otherwise Kafka could be stopped while a context's Kafka consumers are still
 * shutting down, and they would wait for the missing broker until Surefire kills the fork.
 * Registered for the JUnit Platform in {@code META-INF/services}; contexts are registered by
 * {@link InfrastructureContextCustomizerFactory}.
 */
public class CloseContextsBeforeInfrastructure implements TestExecutionListener {

    private static final Set<ConfigurableApplicationContext> contexts = ConcurrentHashMap.newKeySet();

    static void register(ConfigurableApplicationContext context) {
        contexts.add(context);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }
}

package io.shopstack.testsupport;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service tested on its own: no config-server, no Eureka, no Spring Cloud Bus, no trace export. Tests that test
 * those clients leave this annotation off and configure them explicitly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(
        properties = {
            "spring.cloud.config.enabled=false",
            "eureka.client.enabled=false",
            "spring.cloud.bus.enabled=false",
            "management.tracing.export.enabled=false"
        })
public @interface IsolatedServiceTest {}

package io.shopstack.testsupport;

import io.shopstack.infrastructure.Server;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test class against real servers, started once per test JVM on free ports and shared by every class that
 * asks for them (servers a later class needs are added on demand). In a Spring test the servers' addresses become
 * Spring properties ({@code spring.datasource.url} for {@link #database()}, {@code spring.kafka.bootstrap-servers},
 * {@code spring.data.redis.*}, ...). Everything stops when the test JVM exits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface WithInfrastructure {

    /** The servers this test needs. */
    Server[] value() default {Server.POSTGRES, Server.KAFKA, Server.REDIS};

    /** The service's own database, created if missing and exposed as {@code spring.datasource.url}. */
    String database() default "";
}

package io.shopstack.platform.discovery;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import com.netflix.discovery.EurekaClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationAutoConfiguration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaDiscoveryClientConfiguration;
import org.springframework.cloud.netflix.eureka.config.DiscoveryClientOptionalArgsConfiguration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaRegistration;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaServiceRegistry;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessHealthCheckHandlerTest {

    private final AtomicReference<Status> readiness = new AtomicReference<>(Status.UP);
    private final ReadinessHealthCheckHandler handler = new ReadinessHealthCheckHandler(readiness::get);

    @Test
    void theRegisteredStatusFollowsReadiness() {
        assertThat(handler.getStatus(InstanceStatus.STARTING)).isEqualTo(InstanceStatus.UP);
        readiness.set(Status.DOWN);
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.DOWN);
        readiness.set(Status.OUT_OF_SERVICE); // what Boot's REFUSING_TRAFFIC readiness reports
        assertThat(handler.getStatus(InstanceStatus.DOWN))
                .as("never OUT_OF_SERVICE: the Eureka server keeps that one when the instance is UP again")
                .isEqualTo(InstanceStatus.DOWN);
        readiness.set(Status.UP);
        assertThat(handler.getStatus(InstanceStatus.OUT_OF_SERVICE))
                .as("an OUT_OF_SERVICE the client holds ends with readiness")
                .isEqualTo(InstanceStatus.UP);
        readiness.set(Status.UNKNOWN);
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UNKNOWN);
        readiness.set(new Status("DEGRADED"));
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UNKNOWN);
    }

    @Test
    void anOutOfServiceTheClientHoldsEndsWhenTheInstanceIsReady() {
        // Operators take an instance out on the Eureka server (overridden status), which the client cannot undo; the
        // handler never keeps a client-side OUT_OF_SERVICE.
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(handler.getStatus(InstanceStatus.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.UP);
        readiness.set(Status.DOWN);
        assertThat(handler.getStatus(InstanceStatus.OUT_OF_SERVICE)).isEqualTo(InstanceStatus.DOWN);
    }

    @Test
    void withoutAReadinessGroupTheHandlerHasNoOpinion() {
        readiness.set(null);
        assertThat(handler.getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        assertThat(handler.getStatus(InstanceStatus.STARTING)).isEqualTo(InstanceStatus.STARTING);
    }

    /** Spring Cloud's own handler is enabled too here: ours must be the one the Eureka registration hands over. */
    @Test
    void theEurekaRegistrationUsesThisHandlerEvenWithSpringCloudsHealthCheckEnabled() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        UtilAutoConfiguration.class,
                        AutoServiceRegistrationConfiguration.class,
                        AutoServiceRegistrationAutoConfiguration.class,
                        RestClientAutoConfiguration.class,
                        DiscoveryClientOptionalArgsConfiguration.class,
                        EurekaClientAutoConfiguration.class,
                        EurekaDiscoveryClientConfiguration.class,
                        StatusFollowsReadinessAutoConfiguration.class))
                .withPropertyValues(
                        "eureka.client.healthcheck.enabled=true",
                        "eureka.client.register-with-eureka=false",
                        "eureka.client.fetch-registry=false",
                        "spring.application.name=status-test")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(HealthCheckHandler.class))
                            .hasSize(1)
                            .allSatisfy(
                                    (name, bean) -> assertThat(bean).isInstanceOf(ReadinessHealthCheckHandler.class));
                    EurekaRegistration registration = context.getBean(EurekaRegistration.class);
                    assertThat(registration.getHealthCheckHandler().getIfAvailable())
                            .isInstanceOf(ReadinessHealthCheckHandler.class);
                    // What the auto-registration does on start: the client then asks this handler on every tick.
                    context.getBean(EurekaServiceRegistry.class).register(registration);
                    assertThat(context.getBean(EurekaClient.class).getHealthCheckHandler())
                            .isInstanceOf(ReadinessHealthCheckHandler.class);
                });
    }

    @Test
    void aPropertySwitchesItOff() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StatusFollowsReadinessAutoConfiguration.class))
                .withPropertyValues("shopstack.discovery.status-follows-readiness=false")
                .run(context -> assertThat(context).doesNotHaveBean(HealthCheckHandler.class));
    }
}

package io.shopstack.configtest.democlient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.Bean;

/**
 * A minimal config client, as every shopstack service is one: configuration from the config server
 * ({@code spring.config.import=configserver:...}) and refresh events from the Spring Cloud Bus on Kafka.
 * Lives outside {@code io.shopstack.config} so that the config server's component scan never sees it.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoProperties.class)
public class DemoClientApplication {

    /** Re-created with the current value of {@code demo.greeting} after each refresh. */
    @Bean
    @RefreshScope
    Greeter greeter(@Value("${demo.greeting}") String greeting) {
        return new Greeter(greeting);
    }

    @Bean
    BusSubscriptionProbe busSubscriptionProbe() {
        return new BusSubscriptionProbe("springCloudBus");
    }

    public static class Greeter {

        private final String greeting;

        public Greeter(String greeting) {
            this.greeting = greeting;
        }

        public String greeting() {
            return greeting;
        }
    }
}

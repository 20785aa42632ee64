package io.shopstack.platform.servlet;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.time.Duration;

/** Problem details for every MVC error and domain exception (registered before Boot's own handler so that it backs off). */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletWebAutoConfiguration {

    @Bean
    PlatformProblemDetailsAdvice platformProblemDetailsAdvice(Environment environment) {
        return new PlatformProblemDetailsAdvice(
                environment.getProperty("shopstack.datasource.retry-after", Duration.class, Duration.ofSeconds(2)));
    }
}

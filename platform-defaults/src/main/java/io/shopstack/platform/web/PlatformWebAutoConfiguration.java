package io.shopstack.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Problem details for every MVC error (registered before Boot's own handler so that it backs off); strict JSON input. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebAutoConfiguration {

    @Bean
    PlatformProblemDetailsAdvice platformProblemDetailsAdvice() {
        return new PlatformProblemDetailsAdvice();
    }

    @Bean
    StrictJsonInput strictJsonInput() {
        return new StrictJsonInput();
    }
}

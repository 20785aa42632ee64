package io.shopstack.platform.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Strict request JSON for every service, servlet and reactive alike. */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapper.class)
public class PlatformJsonAutoConfiguration {

    @Bean
    StrictJsonInput strictJsonInput() {
        return new StrictJsonInput();
    }
}

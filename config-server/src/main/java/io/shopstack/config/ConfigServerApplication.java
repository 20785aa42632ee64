package io.shopstack.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;

/**
 * Serves {@code config-repo/} from git (committed content of the default label only), decrypts {@code {cipher}}
 * values, and turns {@code POST /monitor} into a refresh event on the Spring Cloud Bus (Kafka).
 */
@SpringBootApplication
@EnableConfigServer
public class ConfigServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfigServerApplication.class, args);
    }
}

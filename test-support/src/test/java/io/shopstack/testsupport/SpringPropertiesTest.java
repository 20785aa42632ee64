package io.shopstack.testsupport;

import io.shopstack.infrastructure.Server;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A Spring test gets the servers' addresses as properties and talks to its own database. */
@SpringBootTest(classes = SpringPropertiesTest.App.class)
@WithInfrastructure(
        value = {Server.POSTGRES, Server.KAFKA},
        database = "spring_proof")
class SpringPropertiesTest {

    @Configuration
    @EnableAutoConfiguration
    static class App {}

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String kafka;

    @Test
    void datasourcePointsAtTheServicesOwnDatabase() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class))
                .isEqualTo("spring_proof");
    }

    @Test
    void kafkaAddressIsPublished() {
        assertThat(kafka)
                .matches("127\\.0\\.0\\.1:\\d+")
                .isEqualTo(
                        SharedInfrastructure.require(java.util.Set.of(), null).kafkaBootstrapServers());
    }
}

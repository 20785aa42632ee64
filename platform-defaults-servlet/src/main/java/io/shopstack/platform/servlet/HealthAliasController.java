package io.shopstack.platform.servlet;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code GET /health}, a short health check beside the actuator's: its overall status, 503 when not UP. */
@RestController
public class HealthAliasController {

    private final HealthEndpoint health;

    public HealthAliasController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, String>> health() {
        HealthDescriptor descriptor = health.health();
        Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
        return ResponseEntity.status(Status.UP.equals(status) ? 200 : 503).body(Map.of("status", status.getCode()));
    }
}

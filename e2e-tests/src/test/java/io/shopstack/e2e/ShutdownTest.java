package io.shopstack.e2e;

import io.shopstack.infrastructure.Ports;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Last: stopping the platform (as Ctrl-C / ./platform down) leaves no process and no port behind. */
@Order(100)
class ShutdownTest extends PlatformTest {

    @Test
    void downLeavesNoProcessBehind() throws Exception {
        List<Long> pids = recordedPids();
        assertThat(pids).hasSizeGreaterThanOrEqualTo(6);
        long begin = System.nanoTime();
        platform.close();
        Scenarios.note("down in " + Scenarios.seconds(begin) + ", " + pids.size() + " processes");
        assertThat(platform.launcherOutput()).contains("Infrastructure stopped.");
        assertThat(pids)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as("process %d", pid)
                        .isFalse());
        for (String port : List.of(
                "CONFIG_SERVER_PORT",
                "EUREKA_PORT",
                "PRODUCT_SERVICE_PORT",
                "CART_SERVICE_PORT",
                "ORDER_SERVICE_PORT",
                "GATEWAY_PORT",
                "SHOPSTACK_POSTGRES_PORT",
                "SHOPSTACK_KAFKA_PORT",
                "SHOPSTACK_REDIS_PORT")) {
            assertThat(Ports.isFree(platform.port(port))).as(port).isTrue();
        }
    }

    private List<Long> recordedPids() throws Exception {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(platform.home.resolve("run/services"))) {
            for (Path file : files.toList()) {
                pids.add(Long.parseLong(Files.readString(file).trim().split("\\s+")[0]));
            }
        }
        for (String line : Files.readAllLines(platform.home.resolve("infrastructure/run/infrastructure.pids"))) {
            pids.add(Long.parseLong(line.split("\\s+")[1]));
        }
        return pids;
    }
}

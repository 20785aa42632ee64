package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.ServiceInstance;
import io.shopstack.cli.ServiceSupervisor;
import io.shopstack.infrastructure.InfrastructureSettings;
import io.shopstack.infrastructure.Ports;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code status}: what runs, from the pid files, the ports and Eureka; it changes nothing. */
@Command(
        name = "status",
        header = "Services, infrastructure ports, what Eureka lists.",
        description = "Show the services (pid, port, health), whether the infrastructure's ports answer, and the "
                + "instances Eureka lists as UP.")
public final class StatusCommand implements Callable<Integer> {

    private final LocalPlatform platform;

    StatusCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() {
        ServiceSupervisor supervisor = platform.supervisor();
        System.out.println("Services:");
        List<ServiceInstance> recorded = supervisor.recorded();
        if (recorded.isEmpty()) {
            System.out.println("  (none running)");
        }
        for (ServiceInstance instance : recorded) {
            String state = !instance.alive()
                    ? "stopped"
                    : supervisor.healthy(instance.port()) ? "healthy" : "starting/unhealthy";
            System.out.printf(
                    Locale.ROOT, "  %-18s pid %-8d :%-6d %s%n", instance.id(), instance.pid(), instance.port(), state);
        }
        System.out.println("Infrastructure:");
        InfrastructureSettings settings = platform.infrastructureSettings();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("postgresql", settings.postgresPort());
        ports.put("kafka", settings.kafkaPort());
        ports.put("redis", settings.redisPort());
        ports.put("zipkin", settings.zipkinPort());
        ports.forEach((name, port) ->
                System.out.printf(Locale.ROOT, "  %-18s :%-6d %s%n", name, port, Ports.isFree(port) ? "down" : "up"));
        try {
            Map<String, Integer> registered = platform.eureka().upInstances();
            System.out.println("Registered in Eureka:");
            registered.forEach((app, count) ->
                    System.out.printf(Locale.ROOT, "  %-18s %d instance(s) UP%n", app.toLowerCase(Locale.ROOT), count));
        } catch (IOException e) {
            System.out.println("Eureka: not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}

package io.shopstack.cli.command;

import io.shopstack.cli.EurekaRegistry;
import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.ServiceInstance;
import io.shopstack.cli.ServiceSpec;
import io.shopstack.cli.ServiceSupervisor;
import io.shopstack.infrastructure.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code scale <service> <n>}: starts or stops instances (free ports) until n run and Eureka lists n. */
@Command(
        name = "scale",
        header = "Run n instances of a service (extra ones on free ports, registered in Eureka).",
        description = "Run <instances> instances of a service: extra ones start on free ports and register in Eureka, "
                + "surplus ones stop (the newest first). Returns once Eureka lists exactly that many.")
public final class ScaleCommand implements Callable<Integer> {

    static final int MAX_INSTANCES = 5;

    @Parameters(
            index = "0",
            paramLabel = "<service>",
            converter = ServiceArgument.class,
            completionCandidates = ServiceArgument.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    ServiceSpec service;

    @Parameters(
            index = "1",
            paramLabel = "<instances>",
            description = "How many instances, 1 to " + MAX_INSTANCES + " (1 scales back).")
    int instances;

    @Spec
    CommandSpec spec;

    private final LocalPlatform platform;

    ScaleCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new ParameterException(
                    spec.commandLine(), "instances must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }
        ServiceSupervisor supervisor = platform.supervisor(platform.infrastructureSettings());
        List<ServiceInstance> live = supervisor.live(service.name());
        if (live.isEmpty()) {
            throw new IllegalStateException(
                    service.name() + " is not running: start the platform with ./platform up first");
        }
        for (int index = live.size() - 1; index >= instances; index--) {
            System.out.println("Stopping " + live.get(index).id());
            supervisor.stop(live.get(index));
        }
        int nextIndex = live.stream().mapToInt(ServiceInstance::index).max().orElse(0) + 1;
        for (int count = live.size(); count < instances; count++, nextIndex++) {
            int port = Ports.freePort();
            long begin = System.nanoTime();
            ServiceInstance instance = supervisor.start(service, nextIndex, port);
            System.out.printf(Locale.ROOT, "  %-18s starting on :%d ...%n", instance.id(), port);
            supervisor.awaitHealthy(instance, ServiceSupervisor.START_TIMEOUT);
            System.out.printf(
                    Locale.ROOT,
                    "  %-18s ready on http://localhost:%d (%.1f s)%n",
                    instance.id(),
                    port,
                    Elapsed.secondsSince(begin));
        }
        return awaitRegistrations() ? 0 : PlatformCommand.FAILURE;
    }

    private boolean awaitRegistrations() throws Exception {
        EurekaRegistry eureka = platform.eureka();
        String app = service.name().toUpperCase(Locale.ROOT);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (eureka.upInstances().getOrDefault(app, 0) != instances) {
            if (System.nanoTime() > deadline) {
                System.err.println(
                        "warning: Eureka lists " + eureka.upInstances().getOrDefault(app, 0) + " instance(s) of "
                                + service.name() + " after 60 s, expected " + instances);
                return false;
            }
            Thread.sleep(500);
        }
        System.out.println(service.name() + ": " + instances + " instance(s) running and registered in Eureka");
        return true;
    }
}

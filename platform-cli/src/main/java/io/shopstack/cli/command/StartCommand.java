package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.ServiceInstance;
import io.shopstack.cli.ServiceSpec;
import io.shopstack.cli.ServiceSupervisor;
import io.shopstack.infrastructure.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code start <service>}: brings back every recorded instance of a service that is no longer running (crashed,
 * killed), each on its own port, and waits until it is healthy. The rest of the platform keeps running.
 */
@Command(
        name = "start",
        header = "Bring back the instances of a service, or a server, that died or were killed (same ports).",
        description = "Bring back the instances of a service that died or were killed, each on its port, and wait "
                + "until they are healthy; or an infrastructure server (postgres, kafka, redis, zipkin), as "
                + "./platform infra start does. The rest of the platform keeps running.")
public final class StartCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "<service|server>",
            converter = StartTarget.Argument.class,
            completionCandidates = StartTarget.Argument.class,
            description = "One of ${COMPLETION-CANDIDATES}.")
    StartTarget target;

    private final LocalPlatform platform;

    StartCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        if (target.server() != null) {
            // An infrastructure server: the running launcher restarts it (as ./platform infra start does).
            return InfraCommand.ask(platform, "start", target.server());
        }
        ServiceSpec service = target.service();
        ServiceSupervisor supervisor = platform.supervisor(platform.infrastructureSettings());
        List<ServiceInstance> stopped = supervisor.recorded().stream()
                .filter(instance -> instance.service().equals(service.name()) && !instance.alive())
                .toList();
        if (stopped.isEmpty()) {
            System.out.println(service.name() + ": every recorded instance is running");
            return 0;
        }
        for (ServiceInstance dead : stopped) {
            if (!Ports.isFree(dead.port())) {
                System.err.printf("error: port %d of %s is in use by another process%n", dead.port(), dead.id());
                return PlatformCommand.FAILURE;
            }
            long begin = System.nanoTime();
            ServiceInstance instance = supervisor.start(service, dead.index(), dead.port());
            System.out.printf(Locale.ROOT, "  %-18s starting on :%d ...%n", instance.id(), instance.port());
            supervisor.awaitHealthy(instance, ServiceSupervisor.START_TIMEOUT);
            System.out.printf(
                    Locale.ROOT,
                    "  %-18s ready on http://localhost:%d (%.1f s)%n",
                    instance.id(),
                    instance.port(),
                    Elapsed.secondsSince(begin));
        }
        return 0;
    }
}

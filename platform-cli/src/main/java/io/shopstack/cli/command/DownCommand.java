package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.PrometheusRunner;
import io.shopstack.infrastructure.ProcessRegistry;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code down}: stops the launcher (its shutdown hook stops the rest), then whatever it could not stop. */
@Command(
        name = "down",
        header = "Stop everything started from this checkout.",
        description = "Stop everything started from this checkout: the running launcher with its services and "
                + "infrastructure, instances added by scale, and what a killed launcher left behind. Leaves no "
                + "process.")
public final class DownCommand implements Callable<Integer> {

    private final LocalPlatform platform;

    DownCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        Path pidFile = platform.paths().infrastructure().resolve("run/launcher.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            var launcher = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (launcher.isPresent()) {
                System.out.println("Stopping shopstack (launcher pid " + pid + ")...");
                ProcessRegistry.terminate(launcher.get(), Duration.ofSeconds(90));
            }
        }
        // e.g. instances added by `scale` after the launcher died
        platform.supervisor().reapLeftovers(System.out::println);
        new ProcessRegistry(platform.paths().infrastructure().resolve("run/infrastructure.pids"))
                .reapLeftovers(System.out::println);
        new PrometheusRunner(platform.paths()).stop();
        System.out.println("Stopped.");
        return 0;
    }
}

package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.cli.ServiceInstance;
import io.shopstack.infrastructure.ProcessRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cpu [seconds]}: the CPU time every process of the running platform uses over a window, per process and in
 * total, as a share of one core. The at-rest goal of docs/performance.md is measured with it.
 */
@Command(
        name = "cpu",
        header = "CPU used by every platform process over a window (default 60 s), in %% of one core.",
        description = "Measure the CPU time (user + system) that each process of the running platform uses over a "
                + "window: the launcher (with Kafka, which runs in it), PostgreSQL (all its processes), Redis, Zipkin, "
                + "Prometheus and every service instance; print each and the total as a share of one core, with the "
                + "machine's load average (other work on the machine makes the figures noisy).",
        footer = {
            "",
            "Processes that start and end inside the window (e.g. a short-lived PostgreSQL backend) are not counted.",
            "At rest: ./platform cpu 60 --max=5 (docs/performance.md, \"At rest\")."
        })
public final class CpuCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "<seconds>",
            defaultValue = "60",
            description = "How long to measure (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--max",
            paramLabel = "<percent>",
            description = "Exit with 1 when the whole platform used more than this %% of one core.")
    Double maxPercent;

    private final LocalPlatform platform;

    CpuCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds < 1) {
            throw new IllegalArgumentException("<seconds> must be at least 1, was " + seconds);
        }
        Map<Long, String> before = processes();
        if (before.isEmpty()) {
            throw new IllegalStateException(
                    "nothing of shopstack runs for " + platform.paths().state() + " (start it with ./platform up)");
        }
        Map<Long, Duration> cpuBefore = cpu(before.keySet());
        long begin = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "Measuring %d processes for %d s (load average %s)...%n",
                before.size(),
                seconds,
                loadAverage());
        Thread.sleep(Duration.ofSeconds(seconds));
        Map<Long, String> after = processes();
        Map<Long, Duration> cpuAfter = cpu(after.keySet());
        double wall = (System.nanoTime() - begin) / 1e9;

        Map<String, double[]> byName = new LinkedHashMap<>(); // name -> {cpu seconds, processes}
        for (Map.Entry<Long, String> process : after.entrySet()) {
            Duration end = cpuAfter.get(process.getKey());
            if (end == null) {
                continue;
            }
            // A process that started inside the window counts from zero.
            Duration start = cpuBefore.getOrDefault(process.getKey(), Duration.ZERO);
            double[] total = byName.computeIfAbsent(process.getValue(), name -> new double[2]);
            total[0] += Math.max(0, end.minus(start).toNanos() / 1e9);
            total[1]++;
        }
        double sum = 0;
        System.out.printf(Locale.ROOT, "%-22s %5s %9s %9s%n", "process", "procs", "cpu s", "% core");
        for (Map.Entry<String, double[]> entry : byName.entrySet()) {
            double[] total = entry.getValue();
            sum += total[0];
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %5d %9.2f %8.1f%%%n",
                    entry.getKey(),
                    (int) total[1],
                    total[0],
                    100 * total[0] / wall);
        }
        double percent = 100 * sum / wall;
        System.out.printf(
                Locale.ROOT,
                "%-22s %5d %9.2f %8.1f%%   over %.1f s, load average after: %s%n",
                "total",
                after.size(),
                sum,
                percent,
                wall,
                loadAverage());
        if (maxPercent != null && percent > maxPercent) {
            System.err.printf(
                    Locale.ROOT,
                    "error: the platform used %.1f %% of one core, more than --max=%s%n",
                    percent,
                    maxPercent);
            return PlatformCommand.FAILURE;
        }
        return 0;
    }

    /** Every process of the platform by pid, named by what it is; a child of a named process gets its name. */
    Map<Long, String> processes() throws IOException {
        Map<Long, String> named = new LinkedHashMap<>();
        Path launcherPid = platform.paths().infrastructure().resolve("run/launcher.pid");
        if (Files.exists(launcherPid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(launcherPid).trim()))
                    .filter(ProcessHandle::isAlive)
                    .ifPresent(launcher -> named.put(launcher.pid(), "launcher (with Kafka)"));
        }
        for (ServiceInstance instance : platform.supervisor().recorded()) {
            if (instance.alive()) {
                named.put(instance.pid(), instance.id());
            }
        }
        for (Path registry : List.of(
                platform.paths().infrastructure().resolve("run/infrastructure.pids"),
                platform.paths().state().resolve("run/extras.pids"))) {
            new ProcessRegistry(registry).live().forEach((name, process) -> {
                named.put(process.pid(), name);
                // PostgreSQL's backends and background workers are children of the postmaster.
                process.descendants().forEach(child -> named.putIfAbsent(child.pid(), name));
            });
        }
        return named;
    }

    private static Map<Long, Duration> cpu(Iterable<Long> pids) {
        Map<Long, Duration> cpu = new LinkedHashMap<>();
        for (long pid : pids) {
            ProcessHandle.of(pid)
                    .flatMap(process -> process.info().totalCpuDuration())
                    .ifPresent(duration -> cpu.put(pid, duration));
        }
        return cpu;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

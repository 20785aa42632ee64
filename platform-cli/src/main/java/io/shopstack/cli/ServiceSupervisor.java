package io.shopstack.cli;

import io.shopstack.infrastructure.ProcessRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Starts services as separate JVMs, waits until they are healthy, records them, and stops them. */
public final class ServiceSupervisor {

    /** How long {@code up}, {@code scale} and {@code start} wait for one instance to become healthy. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** A JVM of an AOT training run writes its cache as it exits: that takes minutes on a loaded machine. */
    private static final Duration AOT_WRITE_GRACE = Duration.ofMinutes(5);

    private final PlatformPaths paths;
    private final Map<String, String> serviceEnvironment;
    private final List<String> javaOptions;
    private final AotCache aotCache; // null: start the executable jars as they are
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    ServiceSupervisor(
            PlatformPaths paths, Map<String, String> serviceEnvironment, List<String> javaOptions, boolean aotCache) {
        this.paths = paths;
        this.serviceEnvironment = Map.copyOf(serviceEnvironment);
        this.javaOptions = List.copyOf(javaOptions);
        this.aotCache = aotCache ? new AotCache(javaCommand()) : null;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Every recorded instance, live or not, in start order of their services. */
    public List<ServiceInstance> recorded() {
        if (!Files.isDirectory(paths.servicePids())) {
            return List.of();
        }
        try (var files = Files.list(paths.servicePids())) {
            return files.map(ServiceInstance::read)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingInt((ServiceInstance instance) -> startRank(instance.service()))
                            .thenComparingInt(ServiceInstance::index))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + paths.servicePids(), e);
        }
    }

    public boolean isRecorded(ServiceInstance instance) {
        return Files.exists(paths.servicePids().resolve(instance.id() + ".pid"));
    }

    public List<ServiceInstance> live(String service) {
        return recorded().stream()
                .filter(instance -> instance.service().equals(service) && instance.alive())
                .toList();
    }

    /** Stops every recorded instance that still runs (e.g. left behind by a launcher killed with -9). */
    public void reapLeftovers(Consumer<String> log) {
        for (ServiceInstance instance : recorded()) {
            instance.process().ifPresent(process -> {
                log.accept("Stopping leftover " + instance.id() + " (pid " + instance.pid() + ") from an earlier run");
                ProcessRegistry.terminate(process, STOP_GRACE);
            });
            instance.forget(paths.servicePids());
        }
    }

    public ServiceInstance start(ServiceSpec spec, int index, int port) throws IOException {
        Path log = Files.createDirectories(paths.logs())
                .resolve(index == 1 ? spec.name() + ".log" : spec.name() + "-" + index + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(javaOptions);
        Path jar = spec.jar(paths.root());
        command.addAll(aotCache != null ? aotCache.launch(jar) : List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(paths.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(serviceEnvironment);
        EurekaLogins.keepOwnLoginOnly(spec.name(), builder.environment());
        builder.environment().put("PORT", String.valueOf(port));
        Process process = builder.start();
        Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
        ServiceInstance instance = new ServiceInstance(spec.name(), index, process.pid(), started, port);
        instance.write(paths.servicePids());
        return instance;
    }

    /** Blocks until {@code /actuator/health} answers 200; fails early, with the log's tail, if the JVM exits. */
    public void awaitHealthy(ServiceInstance instance, Duration timeout) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + instance.port() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!instance.alive()) {
                throw new IllegalStateException(instance.id() + " exited during start-up; last lines of "
                        + logOf(instance) + ":\n" + tail(logOf(instance), 25));
            }
            if (healthy(instance.port())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                instance.id() + " was not healthy within " + timeout.toSeconds() + " s; see " + logOf(instance));
    }

    public boolean healthy(int port) {
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM (graceful shutdown), then SIGKILL after the grace period. */
    public void stop(ServiceInstance instance) {
        instance.process()
                .ifPresent(process ->
                        ProcessRegistry.terminate(process, training(process) ? AOT_WRITE_GRACE : STOP_GRACE));
        instance.forget(paths.servicePids());
    }

    /** Stops every recorded instance, the entry point first and config last (reverse start order). */
    public void stopAll(Consumer<String> log) {
        List<ServiceInstance> running = new ArrayList<>(recorded());
        java.util.Collections.reverse(running);
        for (ServiceInstance instance : running) {
            if (instance.alive()) {
                log.accept("  stopping " + instance.id());
            }
            stop(instance);
        }
    }

    private static boolean training(ProcessHandle process) {
        return process.info().arguments().stream()
                .flatMap(java.util.Arrays::stream)
                .anyMatch(argument -> argument.startsWith("-XX:AOTCacheOutput="));
    }

    public Path logOf(ServiceInstance instance) {
        return paths.logs().resolve(instance.index() == 1 ? instance.service() + ".log" : instance.id() + ".log");
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    private static int startRank(String service) {
        for (int i = 0; i < ServiceSpec.ALL.size(); i++) {
            if (ServiceSpec.ALL.get(i).name().equals(service)) {
                return i;
            }
        }
        return ServiceSpec.ALL.size();
    }
}

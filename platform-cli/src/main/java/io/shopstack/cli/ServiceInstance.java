package io.shopstack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One running JVM of a service, recorded in {@code .shopstack/run/services/<name>-<index>.pid} as
 * {@code pid start-epoch-millis port}, so that {@code down}, {@code status}, {@code scale} and a later {@code up}
 * (reaping what a killed launcher left) all find it, whoever started it.
 */
public record ServiceInstance(String service, int index, long pid, Instant started, int port) {

    public String id() {
        return service + "-" + index;
    }

    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .startInstant()
                        .map(actual -> Math.abs(actual.toEpochMilli() - started.toEpochMilli()) < 2000)
                        .orElse(false));
    }

    public boolean alive() {
        return process().isPresent();
    }

    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(
                directory.resolve(id() + ".pid"),
                pid + " " + started.toEpochMilli() + " " + port + "\n",
                StandardCharsets.US_ASCII);
    }

    void forget(Path directory) {
        try {
            Files.deleteIfExists(directory.resolve(id() + ".pid"));
        } catch (IOException ignored) {
            // a stale pid file is re-checked against the process start time anyway
        }
    }

    static Optional<ServiceInstance> read(Path file) {
        String fileName = file.getFileName().toString();
        int dash = fileName.lastIndexOf('-');
        if (!fileName.endsWith(".pid") || dash < 0) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file).trim().split("\\s+");
            return Optional.of(new ServiceInstance(
                    fileName.substring(0, dash),
                    Integer.parseInt(fileName.substring(dash + 1, fileName.length() - 4)),
                    Long.parseLong(parts[0]),
                    Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    Integer.parseInt(parts[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

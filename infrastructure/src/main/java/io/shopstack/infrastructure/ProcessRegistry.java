package io.shopstack.infrastructure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records the child processes (postgres, redis, zipkin) in a file, so that a launcher killed with {@code kill -9}
 * does not leave servers behind that a later start would silently attach to: the next start reaps them first.
 * A recorded process is only killed when its start time still matches, so a reused PID is never touched.
 */
public final class ProcessRegistry {

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    record Entry(String name, long pid, Instant started) {
        String line() {
            return name + " " + pid + " " + started.toEpochMilli();
        }

        static Optional<Entry> parse(String line) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                return Optional.empty();
            }
            try {
                return Optional.of(
                        new Entry(parts[0], Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2]))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    public ProcessRegistry(Path file) {
        this.file = file;
    }

    public synchronized void register(String name, ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        entries.put(name, new Entry(name, process.pid(), started));
        write();
    }

    synchronized void unregister(String name) {
        entries.remove(name);
        write();
    }

    /** The recorded processes that still run (same PID and start time), by name; for looking at them, e.g. their CPU. */
    public synchronized Map<String, ProcessHandle> live() {
        Map<String, ProcessHandle> live = new LinkedHashMap<>();
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Entry.parse(line)
                            .ifPresent(entry -> ProcessHandle.of(entry.pid())
                                    .filter(ProcessHandle::isAlive)
                                    .filter(handle -> sameStart(handle, entry.started()))
                                    .ifPresent(handle -> live.put(entry.name(), handle)));
                }
            }
        } catch (IOException e) {
            // being rewritten by the launcher: seen as nothing recorded
        }
        return live;
    }

    /** Kills every still-running process recorded by an earlier run; returns what was reaped. */
    public synchronized List<String> reapLeftovers(Consumer<String> log) {
        List<String> reaped = new ArrayList<>();
        if (!Files.exists(file)) {
            return reaped;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            log.accept("Cannot read " + file + ": " + e.getMessage());
            return reaped;
        }
        for (String line : lines) {
            Entry.parse(line)
                    .ifPresent(entry -> ProcessHandle.of(entry.pid())
                            .filter(ProcessHandle::isAlive)
                            .filter(handle -> sameStart(handle, entry.started()))
                            .ifPresent(handle -> {
                                log.accept("Stopping leftover " + entry.name() + " (pid " + entry.pid()
                                        + ") from an earlier run");
                                terminate(handle, Duration.ofSeconds(10));
                                reaped.add(entry.name());
                            }));
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.accept("Cannot delete " + file + ": " + e.getMessage());
        }
        return reaped;
    }

    private static boolean sameStart(ProcessHandle handle, Instant recorded) {
        // Start instants are reported with tick granularity; allow a small difference.
        return handle.info()
                .startInstant()
                .map(actual -> Duration.between(actual, recorded).abs().compareTo(Duration.ofSeconds(2)) < 0)
                .orElse(false);
    }

    /** SIGTERM, then SIGKILL if the process does not exit in time; returns once it is gone. */
    public static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Reported by the caller when the port stays taken.
            }
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, entries.values().stream().map(Entry::line).toList());
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write process registry " + file, e);
        }
    }
}

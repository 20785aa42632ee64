package io.shopstack.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the host's command-line tools (ip, tc, podman, git, kubectl) and fails with their output when they fail. */
final class Commands {

    private Commands() {}

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static String run(String... command) {
        return run(Map.of(), List.of(command));
    }

    static String run(Map<String, String> environment, List<String> command) {
        Result result = attempt(environment, command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.exitCode() + ": "
                    + result.output().strip());
        }
        return result.output();
    }

    static Result attempt(String... command) {
        return attempt(Map.of(), List.of(command));
    }

    static Result attempt(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 10 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean available(String tool) {
        return attempt("sh", "-c", "command -v " + tool).ok();
    }
}

package io.shopstack.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Podman as it runs on these machines (Debian podman 4.3 as root): runc with cgroupfs, and a containers.conf without
 * default ulimits (crun fails here: cgroups hybrid mode, setrlimit). The same settings as scripts/podman-env.sh.
 */
final class Podman {

    private final Map<String, String> environment;

    Podman(Path workDirectory) {
        try {
            Path conf = workDirectory.resolve("containers.conf");
            Files.createDirectories(workDirectory);
            Files.writeString(conf, "[containers]\ndefault_ulimits = []\n");
            this.environment = Map.of("CONTAINERS_CONF", conf.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether podman can run a container here at all (the test falls back to plain JVMs otherwise). */
    static String unavailableBecause() {
        if (!Commands.available("podman")) {
            return "podman is not installed";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runc"))) {
            return "runc is not installed at /usr/sbin/runc";
        }
        return null;
    }

    /** Loads a docker-archive tar (Jib's jib-image.tar) and returns the image's name. */
    String load(Path tar) {
        String output = podman("load", "-q", "-i", tar.toString());
        return output.lines()
                .filter(line -> line.startsWith("Loaded image"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("podman load named no image: " + output));
    }

    /** {@code podman run -d} with the given options before the image. */
    String run(String name, List<String> options, String image) {
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name));
        command.addAll(options);
        command.add(image);
        return podman(command.toArray(String[]::new)).strip();
    }

    boolean running(String name) {
        Commands.Result result = attempt("inspect", "--format", "{{.State.Running}}", name);
        return result.ok() && result.output().strip().equals("true");
    }

    void kill(String name) {
        attempt("kill", name);
    }

    void start(String name) {
        podman("start", name);
    }

    void remove(String name) {
        attempt("rm", "-f", "-t", "5", name);
    }

    String logs(String name) {
        return attempt("logs", name).output();
    }

    String podman(String... arguments) {
        return Commands.run(environment, command(arguments));
    }

    Commands.Result attempt(String... arguments) {
        return Commands.attempt(environment, command(arguments));
    }

    private static List<String> command(String... arguments) {
        List<String> command =
                new ArrayList<>(List.of("podman", "--runtime", "/usr/sbin/runc", "--cgroup-manager=cgroupfs"));
        command.addAll(List.of(arguments));
        return command;
    }
}

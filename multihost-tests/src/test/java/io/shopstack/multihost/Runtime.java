package io.shopstack.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How an instance runs on its test host: its image in a podman container, or (without podman) its jar as a JVM. */
sealed interface Runtime {

    void start(
            MultiHostPlatform.Instance instance,
            DeploymentManifests.Workload workload,
            HostNetwork.Host host,
            Map<String, String> environment,
            Map<String, Path> secretVolumes,
            Map<String, String> hostNames);

    boolean running(String name);

    void kill(String name);

    void restart(String name);

    String logs(String name);

    void remove(String name);

    /** Where config-server finds the bare git repository it serves. */
    String configGitMount(Path repository);

    /** The images, run as the Deployment's securityContext says: uid 65532, read-only root, no capabilities. */
    final class Containers implements Runtime {
        private static final String CONFIG_GIT = "/config-git";
        private final Path root;
        private final Path work;
        private final Podman podman;
        private final Map<String, String> images = new HashMap<>();
        private Path configGit;

        Containers(Path root, Path work) {
            this.root = root;
            this.work = work;
            this.podman = new Podman(work);
        }

        @Override
        public void start(
                MultiHostPlatform.Instance instance,
                DeploymentManifests.Workload workload,
                HostNetwork.Host host,
                Map<String, String> environment,
                Map<String, Path> secretVolumes,
                Map<String, String> hostNames) {
            String image = images.computeIfAbsent(workload.name(), name -> {
                Path tar = root.resolve(name).resolve("target/jib-image.tar");
                if (!Files.isRegularFile(tar)) {
                    throw new IllegalStateException("no image " + tar + ": build with -Pmultihost (or -Pimages)");
                }
                return podman.load(tar);
            });
            podman.remove(instance.name());
            List<String> options = new ArrayList<>(List.of(
                    "--network",
                    "ns:/run/netns/" + host.namespace(),
                    "--read-only",
                    "--tmpfs",
                    "/tmp:rw,size=256m,mode=1777",
                    "--cap-drop",
                    "ALL",
                    "--security-opt",
                    "no-new-privileges",
                    "--user",
                    "65532:65532",
                    "--memory",
                    workload.memoryLimit().replace("Mi", "m").replace("Gi", "g"),
                    "--env-file",
                    envFile(work, instance.name(), environment).toString()));
            hostNames.forEach((name, address) -> options.addAll(List.of("--add-host", name + ":" + address)));
            secretVolumes.forEach(
                    (mountPath, directory) -> options.addAll(List.of("-v", directory + ":" + mountPath + ":ro")));
            if (configGit != null
                    && environment.getOrDefault("CONFIG_GIT_URI", "").contains(CONFIG_GIT)) {
                options.addAll(List.of("-v", configGit + ":" + CONFIG_GIT + ":ro"));
            }
            podman.run(instance.name(), options, image);
        }

        @Override
        public boolean running(String name) {
            return podman.running(name);
        }

        @Override
        public void kill(String name) {
            podman.kill(name);
        }

        @Override
        public void restart(String name) {
            podman.start(name);
        }

        @Override
        public String logs(String name) {
            return podman.logs(name);
        }

        @Override
        public void remove(String name) {
            podman.remove(name);
        }

        @Override
        public String configGitMount(Path repository) {
            this.configGit = repository;
            return CONFIG_GIT;
        }
    }

    /** The fallback when podman cannot run containers: the same jars, environment and namespaces, as plain JVMs. */
    final class Jvms implements Runtime {
        private final Path root;
        private final Path work;
        private final Map<String, ProcessBuilder> builders = new HashMap<>();
        private final Map<String, Process> processes = new HashMap<>();

        Jvms(Path root, Path work) {
            this.root = root;
            this.work = work;
        }

        @Override
        public void start(
                MultiHostPlatform.Instance instance,
                DeploymentManifests.Workload workload,
                HostNetwork.Host host,
                Map<String, String> environment,
                Map<String, Path> secretVolumes,
                Map<String, String> hostNames) {
            Path jar = jar(workload.name());
            List<String> command = List.of(
                    "ip",
                    "netns",
                    "exec",
                    host.namespace(),
                    ProcessHandle.current().info().command().orElse("java"),
                    "-XX:MaxRAMPercentage=75",
                    "-Xmx" + workload.memoryLimit().replace("Mi", "m").replace("Gi", "g"),
                    "-Djdk.net.hosts.file=" + root.resolve("multihost-tests/src/test/hosts"),
                    "-Djava.io.tmpdir=" + directory("tmp/" + instance.name()),
                    "-jar",
                    jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory("run/" + instance.name()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            work.resolve("run/" + instance.name() + ".log").toFile()));
            environment.forEach((key, value) -> {
                String local = value;
                for (Map.Entry<String, Path> volume : secretVolumes.entrySet()) {
                    local = local.replace(volume.getKey(), volume.getValue().toString());
                }
                builder.environment().put(key, local);
            });
            builders.put(instance.name(), builder);
            restart(instance.name());
        }

        @Override
        public boolean running(String name) {
            Process process = processes.get(name);
            return process != null && process.isAlive();
        }

        @Override
        public void kill(String name) {
            Process process = processes.get(name);
            if (process != null) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }

        @Override
        public void restart(String name) {
            try {
                processes.put(name, builders.get(name).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String logs(String name) {
            try {
                Path log = work.resolve("run/" + name + ".log");
                return Files.exists(log) ? Files.readString(log) : "";
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public void remove(String name) {
            Process process = processes.remove(name);
            if (process != null) {
                process.toHandle().descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                try {
                    process.waitFor(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                kill(name);
            }
        }

        @Override
        public String configGitMount(Path repository) {
            return repository.toString();
        }

        private Path jar(String workload) {
            try (var files = Files.list(root.resolve(workload).resolve("target"))) {
                return files.filter(file -> file.getFileName().toString().matches(workload + "-[^-].*\\.jar"))
                        .filter(file -> !file.getFileName().toString().endsWith(".original"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no jar of " + workload + ": ./mvnw package"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path directory(String relative) {
            try {
                return Files.createDirectories(work.resolve(relative));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The environment as a file (owner-only): secrets never appear on a command line or in the process list. */
    private static Path envFile(Path work, String name, Map<String, String> environment) {
        try {
            Path directory = Files.createDirectories(work.resolve("env"));
            Path file = directory.resolve(name + ".env");
            StringBuilder content = new StringBuilder();
            environment.forEach((key, value) -> {
                if (value.contains("\n")) {
                    throw new IllegalArgumentException(key + " has a line break; mount it as a file");
                }
                content.append(key).append('=').append(value).append('\n');
            });
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code logs <name>}: {@code tail -f} of a service's or an infrastructure server's log, until Ctrl-C. */
@Command(
        name = "logs",
        header = "Follow a log (a service, or postgres, kafka, redis, zipkin).",
        description = "Follow a log: its last 100 lines, then what is written to it (tail -f), until Ctrl-C.")
public final class LogsCommand implements Callable<Integer> {

    private static final String LOG_SUFFIX = ".log";

    @Parameters(
            paramLabel = "<name>",
            description = "A service (cart-service; cart-service-2 for a second instance) "
                    + "or postgres, kafka, redis, zipkin.")
    String name;

    @Spec
    CommandSpec spec;

    private final LocalPlatform platform;

    LogsCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (Path folder : logFolders()) {
            Path log = folder.resolve(name + LOG_SUFFIX);
            if (Files.isRegularFile(log)) {
                return ForegroundProcess.run(new ProcessBuilder("tail", "-n", "100", "-f", log.toString()));
            }
        }
        TreeSet<String> available = available();
        String names =
                available.isEmpty() ? "none yet (the platform writes them once it runs)" : String.join(" ", available);
        throw new ParameterException(spec.commandLine(), "no log named '" + name + "'; available: " + names);
    }

    private List<Path> logFolders() {
        return List.of(
                platform.paths().logs(), platform.paths().infrastructure().resolve("logs"));
    }

    private TreeSet<String> available() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (Path folder : logFolders()) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(file -> file.getFileName().toString())
                            .filter(file -> file.endsWith(LOG_SUFFIX))
                            .forEach(file -> names.add(file.substring(0, file.length() - LOG_SUFFIX.length())));
                }
            }
        }
        return names;
    }
}

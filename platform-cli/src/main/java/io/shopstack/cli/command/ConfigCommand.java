package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code config push|install-hook}: committed changes to config-repo/ reach the running services without a restart. */
@Command(
        name = "config",
        synopsisSubcommandLabel = "COMMAND",
        header = "Refresh the running services after committing to config-repo/ (push), or install a hook that does.",
        description = "Apply committed changes of config-repo/ to the running services, without a restart "
                + "(config-server serves git, so commit first).")
public final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final LocalPlatform platform;

    ConfigCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: push or install-hook");
    }

    /**
     * Tells config-server's {@code /monitor} that config-repo changed; it broadcasts a refresh over Spring Cloud Bus
     * (Kafka) and every service re-reads its configuration.
     */
    @Command(
            name = "push",
            header = "Broadcast a config refresh to every service.",
            description = "Broadcast a refresh: config-server's /monitor tells every service, over Spring Cloud Bus "
                    + "(Kafka), to re-read its configuration.",
            footerHeading = "%nEnvironment:%n",
            footer = "  CONFIG_SERVER_USER, CONFIG_SERVER_PASSWORD  config-server's credentials "
                    + "(config, config-dev-password)")
    int push() throws InterruptedException {
        int port = platform.port("config-server");
        String form = "path=" + URLEncoder.encode("config-repo/application.yml", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                        "Authorization",
                        LocalPlatform.basicAuthorization(
                                platform.variable("CONFIG_SERVER_USER", "config"),
                                platform.variable("CONFIG_SERVER_PASSWORD", "config-dev-password")))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("error: config-server is not reachable on :" + port + " (is the platform up?)");
            return PlatformCommand.FAILURE;
        }
        if (response.statusCode() / 100 != 2) {
            System.err.println("error: config-server answered " + response.statusCode() + ": " + response.body());
            return PlatformCommand.FAILURE;
        }
        System.out.println("Refresh broadcast to all services (config-server answered "
                + response.body().trim() + ")");
        return 0;
    }

    @Command(
            name = "install-hook",
            header = "Push after every commit that touches config-repo/.",
            description = "Install a git post-commit hook in this checkout that runs ./platform config push whenever "
                    + "a commit touches config-repo/.")
    int installHook() throws IOException {
        Path hook = platform.paths().root().resolve(".git/hooks/post-commit");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, """
                #!/bin/sh
                # Installed by ./platform config install-hook: a commit that touches config-repo/ refreshes the
                # running platform (committed config only: config-server reads git, not the work tree).
                if git diff-tree --no-commit-id --name-only -r HEAD | grep -q '^config-repo/'; then
                  ./platform config push || echo "config push failed (is the platform up?)" >&2
                fi
                """);
        hook.toFile().setExecutable(true);
        System.out.println("Installed " + hook);
        return 0;
    }
}

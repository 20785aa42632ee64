package io.shopstack.cli.command;

import io.shopstack.cli.LocalPlatform;
import io.shopstack.infrastructure.ControlChannel;
import io.shopstack.infrastructure.InfrastructureMain;
import io.shopstack.infrastructure.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code infra stop|start <server>}: asks the running launcher, over its control socket, to stop or start a server. */
@Command(
        name = "infra",
        synopsisSubcommandLabel = "COMMAND",
        header = "Stop / restart postgres, kafka, redis or zipkin under the running services.",
        description = "Stop or restart one infrastructure server under the running services, on the same port and data "
                + "(failure drills). Asks the running launcher through its control socket.")
public final class InfraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final LocalPlatform platform;

    InfraCommand(LocalPlatform platform) {
        this.platform = platform;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: stop or start");
    }

    @Command(name = "stop", header = "Stop a server; the services keep running without it.")
    int stop(@Mixin ServerParameter server) throws IOException {
        return ask(platform, "stop", server.server);
    }

    @Command(name = "start", header = "Start a stopped server again, on its port and data, and wait until it answers.")
    int start(@Mixin ServerParameter server) throws IOException {
        return ask(platform, "start", server.server);
    }

    /** The {@code <server>} both subcommands take. */
    static final class ServerParameter {

        @Parameters(
                paramLabel = "<server>",
                converter = ServerArgument.class,
                completionCandidates = ServerArgument.class,
                description = "One of ${COMPLETION-CANDIDATES}.")
        Server server;
    }

    /** Sends {@code <action> <server>} to the running launcher and prints its answer; also used by {@code start}. */
    static int ask(LocalPlatform platform, String action, Server server) throws IOException {
        Path socket = InfrastructureMain.controlSocket(platform.paths().infrastructure());
        if (!Files.exists(socket)) {
            System.err.println(
                    "error: no running launcher for " + platform.paths().state() + " (start it with ./platform up)");
            return PlatformCommand.FAILURE;
        }
        String reply = ControlChannel.send(socket, action + " " + ServerArgument.nameOf(server));
        if (reply.startsWith("ok ")) {
            System.out.println(reply.substring(3));
            return 0;
        }
        System.err.println(
                reply.startsWith("error ")
                        ? "error: " + reply.substring(6)
                        : "error: unexpected reply '" + reply + "'");
        boolean badUsage = reply.startsWith("error usage") || reply.startsWith("error unknown");
        return badUsage ? PlatformCommand.USAGE : PlatformCommand.FAILURE;
    }
}

package io.shopstack.cli;

import io.shopstack.cli.command.PlatformCommand;

/**
 * The Java side of {@code ./platform} (see {@link PlatformCommand} and the package {@code io.shopstack.cli.command}
 * for the commands). Exit codes: 0 ok, 1 failure, 2 bad usage or a port taken, 3 already running.
 */
public final class PlatformMain {

    private PlatformMain() {}

    public static void main(String[] args) {
        System.exit(
                PlatformCommand.commandLine(new LocalPlatform(System.getenv())).execute(args));
    }
}

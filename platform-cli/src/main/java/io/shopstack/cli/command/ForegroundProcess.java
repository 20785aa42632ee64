package io.shopstack.cli.command;

import java.io.IOException;

/**
 * A program that takes over the terminal until it ends, as if the script had {@code exec}'ed it: same input and output,
 * its exit code, and stopping the launcher (Ctrl-C, {@code kill}) stops it too instead of leaving it behind.
 */
final class ForegroundProcess {

    private ForegroundProcess() {}

    static int run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "shopstack-stop-foreground"));
        return process.waitFor();
    }
}

package io.shopstack.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code build}: described here so that the help lists it, but done by the ./platform script before any Java runs:
 * the build replaces this launcher's own classes.
 */
@Command(
        name = "build",
        header = "Build everything now, also what is not out of date.",
        description = "Build everything now (./mvnw -q -B -DskipTests package), also what is not out of date. "
                + "./platform up builds by itself when a pom.xml or a src/main file changed since the last build; the "
                + "other commands only when nothing is built yet.")
public final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getErr()
                .println("error: ./platform build runs in the ./platform script, before any Java: "
                        + "the build replaces this launcher's classes");
        return PlatformCommand.USAGE;
    }
}

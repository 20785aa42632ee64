package io.shopstack.cli.command;

import io.shopstack.infrastructure.Server;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/** A {@code <server>} argument: one of the infrastructure's servers by its lower-case name, which the help lists. */
final class ServerArgument implements ITypeConverter<Server>, Iterable<String> {

    static String nameOf(Server server) {
        return server.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Server convert(String name) {
        return Arrays.stream(Server.values())
                .filter(server -> nameOf(server).equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new TypeConversionException("unknown server '" + name + "'"));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Server.values()).map(ServerArgument::nameOf).iterator();
    }
}

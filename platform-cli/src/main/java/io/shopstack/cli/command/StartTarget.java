package io.shopstack.cli.command;

import io.shopstack.cli.ServiceSpec;
import io.shopstack.infrastructure.Server;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What {@code start} brings back: a service ({@link #service()}) or an infrastructure server ({@link #server()}). */
record StartTarget(ServiceSpec service, Server server) {

    /** A service by name, else a server by its lower-case name; the help lists both. */
    static final class Argument implements ITypeConverter<StartTarget>, Iterable<String> {

        @Override
        public StartTarget convert(String name) {
            var service = ServiceSpec.named(name);
            if (service.isPresent()) {
                return new StartTarget(service.get(), null);
            }
            try {
                return new StartTarget(null, new ServerArgument().convert(name));
            } catch (TypeConversionException e) {
                throw new TypeConversionException("unknown service '" + name + "' (nor infrastructure server)");
            }
        }

        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            new ServiceArgument().forEach(names::add);
            new ServerArgument().forEach(names::add);
            return names.iterator();
        }
    }
}

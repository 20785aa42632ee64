package io.shopstack.cli.command;

import io.shopstack.cli.ServiceSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Iterator;

/** A {@code <service>} argument: one of the platform's services by name, which the help lists. */
final class ServiceArgument implements ITypeConverter<ServiceSpec>, Iterable<String> {

    @Override
    public ServiceSpec convert(String name) {
        return ServiceSpec.named(name).orElseThrow(() -> new TypeConversionException("unknown service '" + name + "'"));
    }

    @Override
    public Iterator<String> iterator() {
        return ServiceSpec.ALL.stream().map(ServiceSpec::name).iterator();
    }
}

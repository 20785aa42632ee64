package io.shopstack.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (registered in META-INF/services): the JDK's own, plus a record of every name looked
 * up, so a test can prove that a code path never asks for one.
 */
public class RecordingNameResolverProvider extends InetAddressResolverProvider {

    private static final Queue<String> lookups = new ConcurrentLinkedQueue<>();

    static List<String> lookups() {
        return List.copyOf(lookups);
    }

    static void clear() {
        lookups.clear();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                lookups.add(host);
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "recording";
    }
}

package io.shopstack.multihost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test hosts on one machine: each host is a Linux network namespace with one interface ({@code eth0}) on a bridge in
 * the root namespace, where the test itself runs (10.77.0.1). Faults act on packets, as a real network's would:
 * iptables drops what one host sends to another (a partition), NFQUEUE holds packets (latency). Needs root, iproute2,
 * iptables and python3.
 */
final class HostNetwork implements AutoCloseable {

    static final String BRIDGE = "ssbr0";
    static final String GATEWAY_ADDRESS = "10.77.0.1";

    /** A test host: its namespace ({@code /run/netns/<namespace>}) and its address on the bridge. */
    record Host(String name, String address) {
        String namespace() {
            return "shopstack-" + name;
        }

        /** The root-namespace end of the host's cable (interface names have at most 15 characters). */
        String cable() {
            return "ss-" + name;
        }
    }

    static final String SUBNET = "10.77.0.0/24";
    private static final int LATENCY_QUEUE = 7;

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<Process> delays = new ArrayList<>();

    private HostNetwork() {}

    /** Creates the bridge and one namespace per host (removing leftovers of an earlier run first). */
    static HostNetwork create(Map<String, String> addressesByHost) {
        HostNetwork network = new HostNetwork();
        addressesByHost.forEach((name, address) -> network.hosts.put(name, new Host(name, address)));
        network.removeLeftovers();
        Commands.run("ip", "link", "add", BRIDGE, "type", "bridge");
        Commands.run("ip", "addr", "add", GATEWAY_ADDRESS + "/24", "dev", BRIDGE);
        Commands.run("ip", "link", "set", BRIDGE, "up");
        for (Host host : network.hosts.values()) {
            Commands.run("ip", "netns", "add", host.namespace());
            Commands.run(
                    "ip",
                    "link",
                    "add",
                    host.cable(),
                    "type",
                    "veth",
                    "peer",
                    "name",
                    "eth0",
                    "netns",
                    host.namespace());
            Commands.run("ip", "link", "set", host.cable(), "master", BRIDGE);
            Commands.run("ip", "link", "set", host.cable(), "up");
            inHost(host, "ip", "addr", "add", host.address() + "/24", "dev", "eth0");
            inHost(host, "ip", "link", "set", "eth0", "up");
            inHost(host, "ip", "link", "set", "lo", "up");
            inHost(host, "ip", "route", "add", "default", "via", GATEWAY_ADDRESS);
        }
        return network;
    }

    Host host(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no test host " + name);
        }
        return host;
    }

    Collection<Host> hosts() {
        return hosts.values();
    }

    /**
     * Cuts the path between two hosts in both directions: every packet between them is dropped (as a broken link or a
     * firewall that drops, not one that rejects: connections time out, nothing is refused).
     */
    void cut(String one, String other) {
        Host a = host(one);
        Host b = host(other);
        for (Host[] pair : new Host[][] {{a, b}, {b, a}}) {
            inHost(pair[0], "iptables", "-I", "OUTPUT", "-d", pair[1].address(), "-j", "DROP");
            inHost(pair[0], "iptables", "-I", "INPUT", "-s", pair[1].address(), "-j", "DROP");
        }
    }

    /** Heals every cut and removes every added latency. */
    void heal() {
        for (Host host : hosts.values()) {
            inHost(host, "iptables", "-F", "OUTPUT");
            inHost(host, "iptables", "-F", "INPUT");
        }
        delays.forEach(Process::destroy);
        delays.clear();
    }

    /**
     * Every packet a host sends to another host waits {@code oneWay} (a round trip between two hosts: twice that);
     * the test's own traffic (from {@link #GATEWAY_ADDRESS}) is not delayed. These kernels have no {@code tc netem}, so
     * the packets are queued to NFQUEUE and held by {@code link_delay.py}, one per host namespace.
     */
    void addLatency(Duration oneWay, Path linkDelayScript) {
        for (Host host : hosts.values()) {
            try {
                Process delay = new ProcessBuilder(
                                "ip",
                                "netns",
                                "exec",
                                host.namespace(),
                                "python3",
                                linkDelayScript.toString(),
                                String.valueOf(LATENCY_QUEUE),
                                String.valueOf(oneWay.toMillis()))
                        .redirectErrorStream(true)
                        .start();
                delays.add(delay);
                String first = new String(delay.getInputStream().readNBytes(20), StandardCharsets.UTF_8);
                if (!first.startsWith("link_delay: queue")) {
                    throw new IllegalStateException("link_delay.py did not start in " + host.name() + ": " + first);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The test's own traffic is not delayed; --queue-bypass: without a running link_delay.py the packets pass
            // undelayed instead of being dropped.
            inHost(host, "iptables", "-A", "OUTPUT", "-d", GATEWAY_ADDRESS, "-j", "RETURN");
            inHost(
                    host,
                    "iptables",
                    "-A",
                    "OUTPUT",
                    "-o",
                    "eth0",
                    "-d",
                    SUBNET,
                    "-j",
                    "NFQUEUE",
                    "--queue-num",
                    String.valueOf(LATENCY_QUEUE),
                    "--queue-bypass");
        }
    }

    /** The host's cable pulled: nothing reaches it, nothing leaves it. */
    void unplug(String name) {
        Commands.run("ip", "link", "set", host(name).cable(), "down");
    }

    void plug(String name) {
        Commands.run("ip", "link", "set", host(name).cable(), "up");
    }

    /** Runs a command inside a host's namespace. */
    static String inHost(Host host, String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = host.namespace();
        System.arraycopy(command, 0, full, 4, command.length);
        return Commands.run(full);
    }

    private void removeLeftovers() {
        for (Host host : hosts.values()) {
            Commands.attempt("ip", "link", "del", host.cable());
            Commands.attempt("ip", "netns", "del", host.namespace());
        }
        Commands.attempt("ip", "link", "del", BRIDGE);
    }

    @Override
    public void close() {
        delays.forEach(Process::destroy);
        removeLeftovers();
    }
}

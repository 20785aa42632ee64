package io.shopstack.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far the servers are reachable, and with which credentials: by default loopback only and no passwords (a laptop);
 * opened for a multi-host run where services on other hosts connect with real credentials.
 *
 * @param bindAddress          where PostgreSQL, Redis, Kafka's PLAINTEXT listener and Zipkin listen
 *                             ({@code SHOPSTACK_BIND_ADDRESS}); loopback stays reachable for the launcher's own checks
 * @param kafkaAdvertisedHost  the name Kafka hands its clients in metadata ({@code SHOPSTACK_KAFKA_ADVERTISED_HOST})
 * @param databasePasswords    database name to the password of its own login role ({@code SHOPSTACK_DB_PASSWORD_<DB>});
 *                             when any is set, PostgreSQL requires passwords from everyone but the local admin
 * @param redisPassword        Redis {@code requirepass} ({@code SHOPSTACK_REDIS_PASSWORD}), empty for none
 */
public record NetworkExposure(
        String bindAddress, String kafkaAdvertisedHost, Map<String, String> databasePasswords, String redisPassword) {

    public static final String LOOPBACK = "127.0.0.1";

    public NetworkExposure {
        bindAddress = requireAddress(bindAddress);
        if (bindAddress.equals("*")) {
            bindAddress = "0.0.0.0"; // one spelling every server understands
        }
        kafkaAdvertisedHost = requireAddress(kafkaAdvertisedHost);
        databasePasswords = Map.copyOf(new TreeMap<>(databasePasswords));
        databasePasswords.forEach((database, password) -> {
            DatabaseNames.requireValid(database);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("empty password for database " + database);
            }
        });
        redisPassword = redisPassword == null ? "" : redisPassword;
    }

    /** Today's default: loopback only, no passwords. */
    public static NetworkExposure loopbackOnly() {
        return new NetworkExposure(LOOPBACK, LOOPBACK, Map.of(), "");
    }

    public boolean requiresDatabasePasswords() {
        return !databasePasswords.isEmpty();
    }

    public Optional<String> databasePassword(String database) {
        return Optional.ofNullable(databasePasswords.get(database));
    }

    public Optional<String> redisPasswordIfSet() {
        return redisPassword.isEmpty() ? Optional.empty() : Optional.of(redisPassword);
    }

    public boolean isLoopbackOnly() {
        return isLoopback(bindAddress);
    }

    /** Listens on every interface, loopback included ({@code 0.0.0.0}; {@code ::} counts as IPv6 only). */
    boolean isWildcard() {
        return bindAddress.equals("0.0.0.0");
    }

    /** The addresses a server listens on: the bind address, plus 127.0.0.1 unless that is covered already. */
    List<String> listenAddresses() {
        if (isLoopback(bindAddress)) {
            return List.of(LOOPBACK); // the default; "localhost" and ::1 mean the same to every client here
        }
        List<String> addresses = new ArrayList<>();
        addresses.add(bindAddress);
        if (!isWildcard()) {
            addresses.add(LOOPBACK);
        }
        return List.copyOf(addresses);
    }

    /**
     * Where the launcher reaches a server that has only one listening address (Kafka's PLAINTEXT listener): loopback
     * when the bind address is a wildcard or loopback, else the bind address itself.
     */
    String localConnectHost() {
        return isWildcard() || bindAddress.equals("::") || isLoopback(bindAddress) ? LOOPBACK : bindAddress;
    }

    private static boolean isLoopback(String address) {
        return address.equals(LOOPBACK) || address.equals("localhost") || address.equals("::1");
    }

    /** Host part of a listener URL or host:port: IPv6 literals in brackets. */
    static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** A host name or IP literal: it ends up in server configuration, so nothing else gets through. */
    static String requireAddress(String value) {
        if (value == null || !value.matches("[A-Za-z0-9._:*-]{1,253}")) {
            throw new IllegalArgumentException("must be a host name or IP address, was '" + value + "'");
        }
        return value;
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return "NetworkExposure[bindAddress=" + bindAddress + ", kafkaAdvertisedHost=" + kafkaAdvertisedHost
                + ", databaseLogins=" + databasePasswords.keySet() + ", redisPassword="
                + (redisPassword.isEmpty() ? "none" : "set") + "]";
    }
}

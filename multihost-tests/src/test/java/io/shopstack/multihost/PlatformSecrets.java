package io.shopstack.multihost;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Secret the manifests reference, made fresh for one run as {@code deploy/k8s/overlays/local/create-secrets.sh}
 * makes them for a cluster: random passwords, bcrypt hashes where a service only verifies, a new RSA signing key. No
 * development value appears (the {@code prod} profile would refuse it). The plain passwords stay in this object for
 * the test's own logins.
 */
final class PlatformSecrets {

    static final List<String> EUREKA_IDENTITIES = List.of(
            "auth-server",
            "product-service",
            "cart-service",
            "order-service",
            "gateway",
            "observability",
            "prometheus",
            "operator");
    static final List<String> CLIENTS =
            List.of("product-service", "operator", "observability", "prometheus", "shopstack-web");
    static final List<String> DATABASES = List.of("auth", "product", "cart");

    private static final int CONTAINER_GROUP = 65532;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(10, RANDOM);

    /** secret name → key → value. */
    private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

    private final Map<String, String> eurekaPasswords = new LinkedHashMap<>();
    private final Map<String, String> clientSecrets = new LinkedHashMap<>();
    private final Map<String, String> databasePasswords = new LinkedHashMap<>();
    private final String redisPassword = random();
    private final String adminPassword = random();
    private final String customerPassword = random();

    PlatformSecrets() {
        put("shopstack-config-server-credentials", "username", "config");
        put("shopstack-config-server-credentials", "password", random());
        put("shopstack-config-server", "encrypt-key", random());
        for (String identity : EUREKA_IDENTITIES) {
            String password = random();
            eurekaPasswords.put(identity, password);
            put("shopstack-eureka-password-hashes", identity, BCRYPT.encode(password));
            put("shopstack-eureka-" + identity, "password", password);
        }
        for (String database : DATABASES) {
            String password = random();
            databasePasswords.put(database, password);
            put("shopstack-" + database + "-db", "username", database);
            put("shopstack-" + database + "-db", "password", password);
        }
        put("shopstack-redis", "password", redisPassword);
        for (String client : CLIENTS) {
            String secret = random();
            clientSecrets.put(client, secret);
            put("shopstack-auth-client-secret-hashes", client, "{bcrypt}" + BCRYPT.encode(secret));
        }
        put("shopstack-web-client", "client-secret", clientSecrets.get("shopstack-web"));
        put("shopstack-observability", "admin-username", "admin");
        put("shopstack-observability", "admin-password", random());
        put("shopstack-observability", "client-secret", clientSecrets.get("observability"));
        put("shopstack-auth-signing-key", "signing-key.pem", newSigningKey());
    }

    /** The value a {@code secretKeyRef} resolves to, or null when the test makes no such Secret (optional ones). */
    String value(String secret, String key) {
        return secrets.getOrDefault(secret, Map.of()).get(key);
    }

    /** Writes a Secret's keys as files (a Secret volume), readable by the containers' user only. */
    Path writeVolume(String secret, Path directory) {
        try {
            Path volume = Files.createDirectories(directory.resolve(secret));
            for (Map.Entry<String, String> entry : secrets.get(secret).entrySet()) {
                Path file = volume.resolve(entry.getKey());
                Files.writeString(file, entry.getValue());
                // As a Secret volume with fsGroup 65532 and mode 0440: the containers' group reads it, nobody else.
                Files.setAttribute(file, "unix:gid", CONTAINER_GROUP);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
            }
            return volume;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String eurekaPassword(String identity) {
        return eurekaPasswords.get(identity);
    }

    String clientSecret(String client) {
        return clientSecrets.get(client);
    }

    String databasePassword(String database) {
        return databasePasswords.get(database);
    }

    String redisPassword() {
        return redisPassword;
    }

    String adminPassword() {
        return adminPassword;
    }

    String adminPasswordHash() {
        return "{bcrypt}" + BCRYPT.encode(adminPassword);
    }

    String customerPassword() {
        return customerPassword;
    }

    String customerPasswordHash() {
        return "{bcrypt}" + BCRYPT.encode(customerPassword);
    }

    private void put(String secret, String key, String value) {
        secrets.computeIfAbsent(secret, name -> new LinkedHashMap<>()).put(key, value);
    }

    /** URL-safe (Eureka passwords travel in a URL's user-info). */
    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

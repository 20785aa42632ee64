package io.shopstack.cli;

import io.shopstack.infrastructure.InfrastructureMain;
import io.shopstack.infrastructure.InfrastructureSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This checkout's platform as the environment configures it: where its state lives, the ports and credentials of its
 * services, the issuer, and what the launcher hands to every service JVM. Unset variables mean the documented local
 * development defaults.
 */
public final class LocalPlatform {

    /** Every service JVM's options unless {@code SHOPSTACK_SERVICE_JAVA_OPTS} says otherwise (plus the JIT mode's). */
    public static final String DEFAULT_SERVICE_JAVA_OPTS = "-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC";

    private final Map<String, String> environment;
    private final PlatformPaths paths;

    public LocalPlatform(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.paths = PlatformPaths.from(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public PlatformPaths paths() {
        return paths;
    }

    public String variable(String name, String fallback) {
        return environment.getOrDefault(name, fallback);
    }

    /** The port of a service ({@link ServiceSpec#name()}), from its variable or its default. */
    public int port(String service) {
        return ServiceSpec.named(service).orElseThrow().port(environment);
    }

    public URI issuer() {
        String configured = environment.get("SHOPSTACK_ISSUER");
        return URI.create(configured != null ? configured : "http://localhost:" + port("auth-server"));
    }

    /** The launcher's and the operator's Eureka login (read-only): {@code operator}, {@code EUREKA_OPERATOR_PASSWORD}. */
    public String eurekaUser() {
        return EurekaLogins.OPERATOR;
    }

    public EurekaRegistry eureka() {
        return new EurekaRegistry(
                port("discovery"), eurekaUser(), EurekaLogins.password(EurekaLogins.OPERATOR, environment));
    }

    /** The infrastructure's ports from the environment alone: only {@code up} has options for them. */
    public InfrastructureSettings infrastructureSettings() {
        return InfrastructureMain.Options.parse(new String[0], environment).settings();
    }

    /** A supervisor that starts service JVMs the way {@code up} does, against the given infrastructure. */
    public ServiceSupervisor supervisor(InfrastructureSettings settings) {
        return supervisor(settings, jit());
    }

    public ServiceSupervisor supervisor(InfrastructureSettings settings, Jit jit) {
        return new ServiceSupervisor(paths, serviceEnvironment(settings), serviceJavaOptions(jit), aotCache());
    }

    /**
     * Whether services start with the JDK's AOT cache ({@link AotCache}): {@code SHOPSTACK_AOT_CACHE=on}. Off by
     * default: a training JVM writes the cache as it stops, which took minutes per service on a loaded two-core
     * machine (docs/performance.md, "Start and memory").
     */
    public boolean aotCache() {
        return "on"
                .equalsIgnoreCase(
                        environment.getOrDefault("SHOPSTACK_AOT_CACHE", "off").trim());
    }

    /** A supervisor for looking at and stopping recorded instances only. */
    public ServiceSupervisor supervisor() {
        return new ServiceSupervisor(paths, Map.of(), List.of(), false);
    }

    public Map<String, String> serviceEnvironment(InfrastructureSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOPSTACK_ROOT", paths.root().toString());
        // The issuer's signing key belongs to this platform's state (shopstack.auth.jwk-file).
        env.put(
                "SHOPSTACK_AUTH_JWKFILE",
                paths.state().resolve("auth").resolve("jwk.json").toString());
        env.put("SHOPSTACK_POSTGRES_PORT", String.valueOf(settings.postgresPort()));
        env.put("SHOPSTACK_KAFKA", "127.0.0.1:" + settings.kafkaPort());
        env.put("SHOPSTACK_REDIS_PORT", String.valueOf(settings.redisPort()));
        env.put("SHOPSTACK_ZIPKIN", "http://127.0.0.1:" + settings.zipkinPort());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            env.put(spec.portVariable(), String.valueOf(spec.port(environment)));
        }
        env.putIfAbsent("SHOPSTACK_ISSUER", environment.getOrDefault("SHOPSTACK_ISSUER", issuer().toString()));
        // Local profile: demo data and local defaults (config-repo's prod profile takes everything from the
        // environment).
        env.put("SPRING_PROFILES_ACTIVE", environment.getOrDefault("SPRING_PROFILES_ACTIVE", "local"));
        return env;
    }

    /** The services' JIT mode: {@code SHOPSTACK_JIT}, else what the running platform's {@code up} chose, else dev. */
    public Jit jit() {
        String configured = environment.get("SHOPSTACK_JIT");
        if (configured != null && !configured.isBlank()) {
            return Jit.parse(configured);
        }
        try {
            return Jit.parse(Files.readString(recordedJit()));
        } catch (IOException | IllegalArgumentException e) {
            return Jit.DEV;
        }
    }

    /** Where {@code up} records its JIT mode, so that {@code scale} and {@code start} add instances like the others. */
    public Path recordedJit() {
        return paths.state().resolve("run").resolve("jit");
    }

    public List<String> serviceJavaOptions() {
        return serviceJavaOptions(jit());
    }

    public List<String> serviceJavaOptions(Jit jit) {
        String configured = environment.getOrDefault(
                "SHOPSTACK_SERVICE_JAVA_OPTS",
                // Small heaps, started small (-Xms: the heap grows as a service needs it, instead of touching a
                // quarter-gigabyte young generation from the start), small thread stacks: seven JVMs on one laptop.
                DEFAULT_SERVICE_JAVA_OPTS);
        List<String> options = new ArrayList<>(List.of(configured.trim().split("\\s+")));
        if (!configured.contains("TieredStopAtLevel") && !configured.contains("TieredCompilation")) {
            options.addAll(jit.javaOptions());
        }
        if (Runtime.version().feature() >= 24) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // Kafka and Netty use sun.misc.Unsafe
        }
        return options;
    }

    public Map<String, String> prometheusVariables() {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("EUREKA_PORT", String.valueOf(port("discovery")));
        variables.putIfAbsent("CONFIG_SERVER_PORT", String.valueOf(port("config-server")));
        // Prometheus' own read-only Eureka login.
        variables.put("EUREKA_PROMETHEUS_PASSWORD", EurekaLogins.password(EurekaLogins.PROMETHEUS, environment));
        variables.putIfAbsent("PROMETHEUS_CLIENT_SECRET", "prometheus-dev-secret");
        variables.put("SHOPSTACK_ISSUER", issuer().toString());
        return variables;
    }

    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

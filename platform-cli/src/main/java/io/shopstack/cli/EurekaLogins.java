package io.shopstack.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Eureka logins the launcher deals in (docs/discovery-trust.md). Every service logs in as itself, so a service JVM
 * gets only its own: {@code EUREKA_USER}/{@code EUREKA_PASSWORD} set from {@code EUREKA_<SERVICE>_PASSWORD} when the
 * launcher has that variable, otherwise unset (the local profile's defaults, {@code <service>-eureka-dev-password}).
 * A login exported in the launcher's shell can therefore never make every service one identity. The launcher itself
 * reads as {@code operator}, Prometheus as {@code prometheus}: read-only identities.
 */
public final class EurekaLogins {

    public static final String OPERATOR = "operator";
    public static final String PROMETHEUS = "prometheus";

    private static final Pattern EUREKA_SECRET = Pattern.compile("EUREKA_.*PASSWORD");

    private EurekaLogins() {}

    /** {@code EUREKA_<IDENTITY>_PASSWORD}, e.g. {@code EUREKA_CART_SERVICE_PASSWORD}. */
    public static String passwordVariable(String identity) {
        return "EUREKA_" + identity.toUpperCase(Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    /** The identity's password from its variable, else its development password. */
    public static String password(String identity, Map<String, String> environment) {
        String configured = environment.get(passwordVariable(identity));
        return configured == null || configured.isBlank() ? identity + "-eureka-dev-password" : configured;
    }

    /**
     * Leaves a service JVM's environment with its own Eureka login only: every Eureka password variable (the shared
     * pair, other services' and the readers') is removed, then the service's own is set if the launcher has one.
     * Password hashes ({@code EUREKA_*_PASSWORD_HASH}, for discovery under prod) are no passwords and stay.
     */
    public static void keepOwnLoginOnly(String service, Map<String, String> processEnvironment) {
        String own = processEnvironment.get(passwordVariable(service));
        processEnvironment
                .keySet()
                .removeIf(name -> EUREKA_SECRET.matcher(name).matches() || name.equals("EUREKA_USER"));
        if (own != null && !own.isBlank()) {
            processEnvironment.put("EUREKA_USER", service);
            processEnvironment.put("EUREKA_PASSWORD", own);
        }
    }
}

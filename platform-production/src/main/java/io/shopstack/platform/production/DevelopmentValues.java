package io.shopstack.platform.production;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Values that are published with the project and so are no secret: the development passwords, client secrets and
 * keys ({@code *-dev-password}, {@code *-dev-secret}, {@code *change-me*}), the bcrypt hashes of the development
 * users, clients and Eureka identities (a hash of a public password is as good as the password), and a few values
 * nobody should deploy ({@code password}, {@code secret}). The hashes are listed in {@value #LOCATION}; a test keeps
 * that list complete against every hash committed in the repository's configuration.
 */
public final class DevelopmentValues {

    static final String LOCATION = "META-INF/shopstack/development-values.txt";
    private static final Set<String> MARKERS = Set.of("dev-password", "dev-secret", "change-me", "changeme");
    private static final Set<String> WEAK = Set.of("password", "secret", "changeit", "admin");

    private final Set<String> published;

    private DevelopmentValues(Set<String> published) {
        this.published = published;
    }

    public static DevelopmentValues load(ClassLoader classLoader) {
        Set<String> published = new HashSet<>();
        try (InputStream in = classLoader.getResourceAsStream(LOCATION)) {
            if (in != null) {
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                        .lines()
                        .map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .forEach(published::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DevelopmentValues(published);
    }

    /** True for a value published with the project, also inside a longer one (a URL with userinfo, a JAAS line). */
    public boolean isDevelopmentValue(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (WEAK.contains(lower) || MARKERS.stream().anyMatch(lower::contains)) {
            return true;
        }
        return published.stream().anyMatch(value::contains);
    }

    Set<String> published() {
        return Set.copyOf(published);
    }
}

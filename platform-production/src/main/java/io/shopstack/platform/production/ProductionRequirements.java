package io.shopstack.platform.production;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The environment variables a deployable needs under the {@code prod} profile: the union of every
 * {@value #LOCATION} on the classpath. Each file says {@code required=A,B} and/or {@code groups=config-client,...};
 * groups are named sets defined once in {@value #GROUPS_LOCATION} (the variables every config client, Eureka client,
 * ... needs), so a deployable lists what it uses, not every variable again. The Kubernetes manifests' test reads the
 * same files, so "what prod requires" is written down exactly once.
 */
public record ProductionRequirements(Set<String> variables) {

    public static final String LOCATION = "META-INF/shopstack/production-requirements.properties";
    static final String GROUPS_LOCATION = "META-INF/shopstack/production-requirement-groups.properties";

    public ProductionRequirements {
        variables = Collections.unmodifiableSet(new LinkedHashSet<>(variables));
    }

    /** Every requirements file the class loader sees, groups expanded; an unknown group is a build mistake. */
    public static ProductionRequirements load(ClassLoader classLoader) {
        Properties groups = new Properties();
        for (URL url : resources(classLoader, GROUPS_LOCATION)) {
            groups.putAll(read(url));
        }
        Set<String> variables = new LinkedHashSet<>();
        for (URL url : resources(classLoader, LOCATION)) {
            Properties file = read(url);
            for (String group : list(file.getProperty("groups"))) {
                String members = groups.getProperty(group);
                if (members == null) {
                    throw new IllegalStateException("Unknown production requirement group '" + group + "' in " + url);
                }
                variables.addAll(list(members));
            }
            variables.addAll(list(file.getProperty("required")));
        }
        return new ProductionRequirements(variables);
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(item -> !item.isEmpty())
                    .forEach(items::add);
        }
        return items;
    }

    private static Iterable<URL> resources(ClassLoader classLoader, String location) {
        try {
            Enumeration<URL> urls = classLoader.getResources(location);
            return Collections.list(urls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties read(URL url) {
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
        return properties;
    }
}

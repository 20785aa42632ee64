package io.shopstack.platform.production;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What the {@code prod} profile refuses: a required variable that is missing or blank, one that holds a development
 * value, and {@code prod} together with {@code local} (which would bring every development credential back).
 */
public record ProductionCheck(List<String> missing, List<String> developmentValues, boolean localAlsoActive) {

    public static ProductionCheck of(
            ProductionRequirements requirements,
            DevelopmentValues developmentValues,
            Collection<String> activeProfiles,
            Function<String, String> variables) {
        List<String> missing = new ArrayList<>();
        List<String> development = new ArrayList<>();
        for (String name : requirements.variables()) {
            String value = variables.apply(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            } else if (developmentValues.isDevelopmentValue(value)) {
                development.add(name);
            }
        }
        return new ProductionCheck(missing, development, activeProfiles.contains("local"));
    }

    public boolean passed() {
        return missing.isEmpty() && developmentValues.isEmpty() && !localAlsoActive;
    }

    /** One line naming every variable at fault (never a value: they are secrets or close to them). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing or empty: " + String.join(", ", missing));
        }
        if (!developmentValues.isEmpty()) {
            parts.add("development value in: " + String.join(", ", developmentValues));
        }
        if (localAlsoActive) {
            parts.add("profile 'local' is active too");
        }
        return "The prod profile refuses to start (" + String.join("; ", parts) + ").";
    }
}

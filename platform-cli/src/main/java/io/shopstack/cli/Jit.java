package io.shopstack.cli;

import java.util.List;
import java.util.Locale;

/**
 * The services' JIT compilers. {@code dev}: C1 only ({@code -XX:TieredStopAtLevel=1}), the quickest start and the least
 * memory, for a laptop that starts the platform often. {@code full}: tiered compilation with C2, a slower start and more
 * memory for several times the throughput once warm, for benchmarks. Measured side by side in docs/performance.md,
 * "Start and memory".
 */
public enum Jit {
    DEV(List.of("-XX:TieredStopAtLevel=1")),
    FULL(List.of());

    private final List<String> javaOptions;

    Jit(List<String> javaOptions) {
        this.javaOptions = javaOptions;
    }

    public List<String> javaOptions() {
        return javaOptions;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code dev} or {@code full}, in any case. */
    public static Jit parse(String value) {
        for (Jit jit : values()) {
            if (jit.label().equalsIgnoreCase(value.trim())) {
                return jit;
            }
        }
        throw new IllegalArgumentException("the JIT mode must be dev or full, was '" + value + "'");
    }
}

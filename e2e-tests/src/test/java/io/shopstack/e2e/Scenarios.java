package io.shopstack.e2e;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The suite's summary table (scenario, result, duration, key timings), printed when the suite ends and written to
 * {@code e2e-tests/target/e2e-summary.md}. A test adds its key timings with {@link #note(String)}.
 */
final class Scenarios implements AutoCloseable {

    private record Row(String scenario, String result, double seconds, String notes) {}

    private static final ThreadLocal<List<String>> NOTES = ThreadLocal.withInitial(ArrayList::new);

    private final List<Row> rows = new ArrayList<>();
    private final long begin = System.nanoTime();
    private final Path file;

    Scenarios(Path file) {
        this.file = file;
    }

    /** A key timing or count of the running scenario, shown in its row of the summary. */
    static void note(String text) {
        NOTES.get().add(text);
    }

    static String seconds(long beginNanos) {
        return String.format(Locale.ROOT, "%.2f s", (System.nanoTime() - beginNanos) / 1e9);
    }

    /** Times each test and records its outcome. */
    static final class Recorder implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            NOTES.get().clear();
            context.getStore(ExtensionContext.Namespace.create(Recorder.class)).put("begin", System.nanoTime());
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            long begin = context.getStore(ExtensionContext.Namespace.create(Recorder.class))
                    .get("begin", Long.class);
            Scenarios scenarios = PlatformTest.scenarios(context);
            String scenario = context.getRequiredTestClass().getSimpleName().replaceFirst("Test$", "") + ": "
                    + context.getDisplayName()
                            .replaceFirst("\\(\\)$", "")
                            .replaceAll("^\"|\"$", ""); // JUnit quotes a String {0}
            String result = context.getExecutionException().map(e -> "FAILED").orElse("passed");
            synchronized (scenarios.rows) {
                scenarios.rows.add(
                        new Row(scenario, result, (System.nanoTime() - begin) / 1e9, String.join("; ", NOTES.get())));
            }
            NOTES.get().clear();
        }
    }

    String table() {
        StringBuilder table =
                new StringBuilder("| scenario | result | time | key timings |\n| --- | --- | ---: | --- |\n");
        synchronized (rows) {
            for (Row row : rows) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.1f s | %s |%n",
                        row.scenario(),
                        row.result(),
                        row.seconds(),
                        row.notes().replace("|", "/")));
            }
            long failed =
                    rows.stream().filter(row -> !row.result().equals("passed")).count();
            table.append(String.format(
                    Locale.ROOT,
                    "%n%d scenarios, %d failed, suite time %.0f s (platform start included)%n",
                    rows.size(),
                    failed,
                    (System.nanoTime() - begin) / 1e9));
        }
        return table.toString();
    }

    @Override
    public void close() {
        String table = table();
        System.out.println("\n=== shopstack end-to-end summary ===\n" + table);
        try {
            Files.writeString(file, table);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e.getMessage());
        }
    }
}

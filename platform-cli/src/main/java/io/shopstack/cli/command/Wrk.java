package io.shopstack.cli.command;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's wrk for {@link BenchCommand}'s raw direct-vs-gateway rows: run it on one URL and read its summary. */
record Wrk(Path executable, int seconds) {

    /** What the table was measured with (issue 16): two threads, sixteen connections. */
    static final int THREADS = 2;

    static final int CONNECTIONS = 16;

    private static final int WARM_UP_SECONDS = 5;

    record Result(String target, double requestsPerSecond, double p50Millis, double p99Millis, long non2xx) {}

    static Optional<Path> find(Map<String, String> environment) {
        for (String directory :
                environment.getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Warms up, then measures; a token goes into a Lua script (mode 600), not onto wrk's command line. */
    Result run(String target, String url, String token) throws IOException, InterruptedException {
        Path script = null;
        try {
            List<String> command = new ArrayList<>(List.of(
                    executable.toString(), "-t" + THREADS, "-c" + CONNECTIONS, "--latency", "--timeout", "10s"));
            if (token != null) {
                script = Files.createTempFile(
                        "shopstack-wrk",
                        ".lua",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(script, "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
                command.addAll(List.of("-s", script.toString()));
            }
            execute(command, WARM_UP_SECONDS, url);
            return parse(target, execute(command, seconds, url));
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }

    private static String execute(List<String> command, int seconds, String url)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-d" + seconds + "s", url));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk failed on " + url + ":\n" + output);
        }
        return output;
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    static Result parse(String target, String output) {
        return new Result(
                target,
                Double.parseDouble(group(RATE, output).orElse("0")),
                percentile(output, "50%"),
                percentile(output, "99%"),
                Long.parseLong(group(NON_2XX, output).orElse("0")));
    }

    /** A line of wrk's "Latency Distribution", e.g. {@code 99%  125.31ms}, in milliseconds (NaN when absent). */
    private static double percentile(String output, String percent) {
        Matcher matcher = Pattern.compile(
                        "^\\s*" + Pattern.quote(percent) + "\\s+([\\d.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE)
                .matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }

    private static Optional<String> group(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static String table(List<Result> rows) {
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT, "%-36s %10s %10s %10s %8s%n", "target", "req/s", "p50 ms", "p99 ms", "non-2xx"));
        for (Result row : rows) {
            table.append(String.format(
                    Locale.ROOT,
                    "%-36s %10.1f %10.2f %10.2f %8d%n",
                    row.target(),
                    row.requestsPerSecond(),
                    row.p50Millis(),
                    row.p99Millis(),
                    row.non2xx()));
        }
        return table.toString();
    }
}

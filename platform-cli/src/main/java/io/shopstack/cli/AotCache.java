package io.shopstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a service JVM is launched with the JDK's ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked, and
 * method profiles, from a training run), which saves about half of a Spring Boot start's CPU. The cache holds only
 * classes from plain jars on the class path, so the executable jar is first extracted into Spring Boot's
 * {@code jarmode=tools} layout ({@code <name>.jar} with {@code lib/}), once per build of the jar, next to it in
 * {@code target/aot/}. The first start of that build is the training run ({@code -XX:AOTCacheOutput}): the JVM writes the
 * cache when the service stops ({@code ./platform down}, Ctrl-C). Every later start uses it ({@code -XX:AOTCache}).
 *
 * <p>A rebuilt jar gets a new folder (it is named by the jar's size and time), so a cache never meets classes other
 * than those it was trained on; the old folders are removed. A training run that was killed leaves an incomplete file:
 * before a written cache is used it is checked once ({@code -XX:AOTMode=on}, which fails on a truncated or unusable
 * cache); one that fails is deleted and the next start trains again. See docs/performance.md, "Start and memory".
 */
public final class AotCache {

    static final String CACHE = "app.aot";
    private static final String TRAINING_PREFIX = "training-";
    private static final String EXTRACTED_MARK = "extracted";

    private final String java;

    AotCache(String java) {
        this.java = java;
    }

    /**
     * The arguments that run {@code jar} (in place of {@code -jar <jar>}): the extracted jar with the cache or with a
     * training run; the fat jar itself when it cannot be extracted.
     */
    List<String> launch(Path jar) {
        Path folder;
        try {
            folder = extracted(jar);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: cannot extract " + jar + " for the AOT cache (" + e.getMessage()
                    + "); starting it without");
            return List.of("-jar", jar.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("-jar", jar.toString());
        }
        Path application = folder.resolve(jar.getFileName());
        Path cache = folder.resolve(CACHE);
        if (!Files.exists(cache)) {
            promoteFinishedTraining(folder, application);
        }
        List<String> arguments = new ArrayList<>();
        if (Files.exists(cache)) {
            arguments.add("-XX:AOTCache=" + cache);
        } else {
            // Unique per run: another platform of this checkout (the e2e suite's) may be training at the same time.
            arguments.add("-XX:AOTCacheOutput=" + folder.resolve(TRAINING_PREFIX + System.nanoTime() + ".aot"));
        }
        arguments.add("-jar");
        arguments.add(application.toString());
        return arguments;
    }

    /** {@code target/aot/<size>-<time>/}, made once per build of the jar; older builds' folders are deleted. */
    Path extracted(Path jar) throws IOException, InterruptedException {
        Path aot = jar.resolveSibling("aot");
        String key = Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        Path folder = aot.resolve(key);
        if (Files.exists(folder.resolve(EXTRACTED_MARK))) {
            return folder;
        }
        Files.createDirectories(aot);
        Path temporary = Files.createTempDirectory(aot, key + ".tmp-");
        Process extract = new ProcessBuilder(
                        java,
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        temporary.resolve("app").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
            extract.destroyForcibly();
            deleteTree(temporary);
            throw new IOException("java -Djarmode=tools -jar " + jar + " extract failed");
        }
        Path extractedApp = temporary.resolve("app");
        Files.writeString(extractedApp.resolve(EXTRACTED_MARK), key + "\n");
        try {
            Files.move(extractedApp, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(folder.resolve(EXTRACTED_MARK))) { // not another launcher that was quicker
                throw e;
            }
        } finally {
            deleteTree(temporary);
        }
        try (Stream<Path> folders = Files.list(aot)) {
            long old = System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10);
            for (Path other : folders.filter(path -> !path.equals(folder)).toList()) {
                // an older build's extraction and cache, or a dead launcher's temporary folder (not a live one's)
                if (!other.getFileName().toString().contains(".tmp-") || modified(other) < old) {
                    deleteTree(other);
                }
            }
        }
        return folder;
    }

    /**
     * Makes the newest complete training cache {@code app.aot}; incomplete ones (a training JVM killed while writing,
     * or one still writing) are left to their writer or, when older than a few minutes, deleted.
     */
    private void promoteFinishedTraining(Path folder, Path application) {
        List<Path> candidates;
        try (Stream<Path> files = Files.list(folder)) {
            candidates = files.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(TRAINING_PREFIX) && name.endsWith(".aot");
                    })
                    .sorted(Comparator.comparing(AotCache::modified).reversed())
                    .toList();
        } catch (IOException e) {
            return;
        }
        for (Path candidate : candidates) {
            if (usable(candidate, application)) {
                try {
                    Files.move(candidate, folder.resolve(CACHE), StandardCopyOption.ATOMIC_MOVE);
                    return;
                } catch (IOException e) {
                    return; // another launcher promoted one first
                }
            }
            if (modified(candidate) < System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) {
                try {
                    Files.deleteIfExists(candidate);
                } catch (IOException ignored) {
                    // the next start tries again
                }
            }
        }
    }

    /** {@code -XX:AOTMode=on} makes the JVM fail instead of running without a cache it cannot map. */
    boolean usable(Path cache, Path application) {
        try {
            Process check = new ProcessBuilder(
                            java, "-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-cp", application.toString(), "-version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!check.waitFor(1, TimeUnit.MINUTES)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

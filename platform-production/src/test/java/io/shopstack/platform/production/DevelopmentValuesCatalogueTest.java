package io.shopstack.platform.production;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bcrypt hash committed in a configuration file is a development credential (production ones come from the
 * environment), so the prod profile must know it: a hash added to a local profile and not to
 * {@code development-values.txt} fails here.
 */
@Tag("unit")
class DevelopmentValuesCatalogueTest {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    @Test
    void everyCommittedHashIsAKnownDevelopmentValue() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Set<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(DevelopmentValuesCatalogueTest::isConfiguration)
                    .toList()) {
                Matcher hashes = BCRYPT.matcher(Files.readString(file));
                while (hashes.find()) {
                    committed.add(hashes.group());
                }
            }
        }
        assertThat(committed).as("hashes in the repository's configuration").isNotEmpty();
        DevelopmentValues development = DevelopmentValues.load(getClass().getClassLoader());
        assertThat(committed)
                .as("add these to platform-production's development-values.txt")
                .allMatch(development::isDevelopmentValue);
    }

    private static boolean isConfiguration(Path file) {
        String path = file.toString();
        return !path.contains("/target/")
                && !path.contains("/.git/")
                && !path.contains("/.shopstack/")
                && (path.endsWith(".yml") || path.endsWith(".yaml") || path.endsWith(".properties"));
    }
}

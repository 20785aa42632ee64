package io.shopstack.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One headless Debian Chromium (its own profile, so its own cookies) driven through Debian's chromedriver, never a
 * downloaded one: Selenium Manager is not asked, because both paths are given. Missing binaries fail the test with
 * the command that installs them (CI installs them; a skipped browser suite would prove nothing).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /** Page weight and time to first render, as Chromium's Performance API saw them. */
    record PageMetrics(
            String page,
            long transferredBytes,
            int requests,
            double firstContentfulPaintMillis,
            double domContentLoadedMillis) {}

    final WebDriver driver;
    final String name;
    private final Path profile;
    private final Path screenshots;
    private final List<PageMetrics> metrics;

    static void requireInstalled() {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the storefront's browser tests need Debian's Chromium"
                        + " and chromedriver. Install them with: " + INSTALL);
            }
        }
    }

    Browser(String name, Path screenshots, List<PageMetrics> metrics) throws IOException {
        requireInstalled();
        this.name = name;
        this.screenshots = Files.createDirectories(screenshots);
        this.metrics = metrics;
        this.profile = Files.createTempDirectory("chromium-" + name + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless on a closed network: no GPU, no sandbox (root in CI), no background connections to Google.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--lang=en-GB",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Opens a URL and waits until the storefront's script says the page has rendered its data. */
    void open(URI url) {
        driver.get(url.toString());
        awaitReady();
    }

    void awaitReady() {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    void waitUntil(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition);
    }

    /** A screenshot of the whole page as it is now, to target/storefront/NN-name.png. */
    Path screenshot(String file) throws IOException {
        Object height = ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        Dimension size = driver.manage().window().getSize();
        int full = Math.min(4000, Math.max(size.getHeight(), ((Number) height).intValue() + 140));
        driver.manage().window().setSize(new Dimension(size.getWidth(), full));
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(file + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Phone-sized (390 x 844 CSS pixels) for the next pages. */
    void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /**
     * The current page's weight (bytes transferred for the document and every resource it loaded, headers included)
     * and its first contentful paint, from the Performance API; recorded for the report.
     */
    PageMetrics measure(String page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("""
                        const nav = performance.getEntriesByType('navigation')[0];
                        const resources = performance.getEntriesByType('resource');
                        const paint = performance.getEntriesByName('first-contentful-paint')[0];
                        return {
                          bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                          requests: 1 + resources.length,
                          fcp: paint ? paint.startTime : -1,
                          dcl: nav.domContentLoadedEventEnd
                        };""");
        PageMetrics measured = new PageMetrics(
                page,
                ((Number) values.get("bytes")).longValue(),
                ((Number) values.get("requests")).intValue(),
                ((Number) values.get("fcp")).doubleValue(),
                ((Number) values.get("dcl")).doubleValue());
        metrics.add(measured);
        return measured;
    }

    static List<PageMetrics> newMetrics() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}

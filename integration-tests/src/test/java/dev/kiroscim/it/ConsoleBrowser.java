package dev.kiroscim.it;

import dev.kiroscim.core.testsupport.ExternalComponent;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the console tests, driven through the Debian {@code chromedriver} given explicitly, so
 * Selenium Manager never downloads a browser or driver. A fresh profile per browser; skipped with a message when
 * Chromium is missing (a failure under {@code CI=true}).
 *
 * <p>Screenshots go to {@code target/console-screenshots}; with {@code -Dkiro.console.screenshots=update} they also
 * replace the committed ones in {@code docs/console/}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("kiro.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("kiro.chromedriver", "/usr/bin/chromedriver"));

    public final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static void require() {
        ExternalComponent.require(
                "headless Chromium and chromedriver",
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "install the Debian packages chromium and chromium-driver (.ci/run does), or point -Dkiro.chromium/-Dkiro.chromedriver at them");
    }

    public static ConsoleBrowser open() {
        require();
        try {
            Path profile = Files.createTempDirectory("kiro-chromium-profile-");
            Path downloads = Files.createTempDirectory("kiro-chromium-downloads-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
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
                    "--window-size=1280,800",
                    "--user-data-dir=" + profile);
            options.setExperimentalOption(
                    "prefs",
                    Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new ConsoleBrowser(driver, downloads, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    }

    void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot as {@code name}.png (see the class comment for where). */
    void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = Files.createDirectories(Path.of("target", "console-screenshots"))
                    .resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            if ("update".equals(System.getProperty("kiro.console.screenshots"))) {
                Path docs = Files.createDirectories(Path.of("..", "docs", "console"));
                Files.copy(shot.toPath(), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
            deleteTree(downloads);
        }
    }

    private static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }
}

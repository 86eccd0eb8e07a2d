package io.sunsync.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromedriver through Selenium: a fresh profile
 * folder, no sandbox (CI runs as root), nothing fetched from the network. Tests that use it run
 * in the {@code browser} profile and fail, never skip, when Chromium is not installed.
 * One test thread drives it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private final ChromeDriver driver;
    private final ChromeDriverService service;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service) {
        this.driver = driver;
        this.service = service;
    }

    /** The Chromium binary, if installed. */
    public static Optional<Path> browser() {
        return InstalledTool.firstOf("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    }

    /** Its chromedriver, if installed. */
    public static Optional<Path> chromedriver() {
        return InstalledTool.firstOf("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    }

    /**
     * Starts a browser with a fresh profile in {@code profileDir}, {@code width} × {@code height}
     * pixels, downloads going to {@code profileDir/downloads}.
     *
     * @throws IllegalStateException with the install command when Chromium or chromedriver is missing
     */
    public static HeadlessChromium start(Path profileDir, int width, int height) {
        Path chromium = browser().orElseThrow(() -> new IllegalStateException(
                "chromium is not installed: apt-get install -y chromium chromium-driver"));
        Path driverExe = chromedriver().orElseThrow(() -> new IllegalStateException(
                "chromedriver is not installed: apt-get install -y chromium-driver"));
        try {
            Files.createDirectories(profileDir.resolve("downloads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--mute-audio",
                "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=" + width + "," + height);
        o.setExperimentalOption("prefs", Map.of("download.default_directory",
                profileDir.resolve("downloads").toAbsolutePath().toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExe.toFile())
                .usingAnyFreePort().withSilent(true).withLogFile(profileDir.resolve("chromedriver.log").toFile()).build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(d, service);
    }

    /** The driver. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a screenshot of the page as PNG. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a Chrome DevTools Protocol command. */
    public Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}

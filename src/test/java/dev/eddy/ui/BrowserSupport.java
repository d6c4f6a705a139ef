package dev.eddy.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium for browser tests, and screenshots under target/screenshots. */
public final class BrowserSupport {
    private BrowserSupport() {}

    private static final java.util.Map<ChromeDriver, Path> PROFILES = new java.util.concurrent.ConcurrentHashMap<>();

    public static ChromeDriver open() throws Exception {
        Path profile = Files.createTempDirectory("eddy-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile);
        // The page's console, for tests that check no script error happened (LogType.BROWSER).
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        PROFILES.put(browser, profile);
        return browser;
    }

    /**
     * Kills the browser as a crash or a power cut would (SIGKILL to every Chromium process of its
     * profile): the page gets no chance to say goodbye. Then lets its driver go.
     */
    static void kill(ChromeDriver browser) {
        Path profile = PROFILES.remove(browser);
        java.util.List<ProcessHandle> chromium = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("--user-data-dir=" + profile)).orElse(false))
                .toList();
        System.out.println("Killing " + chromium.size() + " Chromium processes of " + profile);
        chromium.forEach(ProcessHandle::destroyForcibly);
        try {
            browser.quit();
        } catch (RuntimeException e) {
            // The browser is gone: the driver can only report it.
        }
    }

    public static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Signs in on the login page at {@code baseUrl}, as a person does; the browser keeps the session. */
    public static void signIn(ChromeDriver browser, String baseUrl, String user, String password) {
        browser.get(baseUrl + "/login");
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(browser,
                java.time.Duration.ofSeconds(60));
        org.openqa.selenium.WebElement name = wait.until(org.openqa.selenium.support.ui.ExpectedConditions
                .elementToBeClickable(org.openqa.selenium.By.cssSelector("#vaadinLoginUsername input")));
        name.sendKeys(user);
        browser.findElement(org.openqa.selenium.By.cssSelector("#vaadinLoginPassword input"))
                .sendKeys(password, org.openqa.selenium.Keys.ENTER);
        wait.until(d -> !d.getCurrentUrl().contains("/login") || d.getCurrentUrl().contains("error"));
    }
}

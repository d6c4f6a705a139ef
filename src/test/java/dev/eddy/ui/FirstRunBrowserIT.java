package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.WholeEddy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/** README command one on a fresh machine: no user yet, the first visit makes the admin, then signs in. */
class FirstRunBrowserIT {

    @Test
    void theFirstVisitFromThisMachineCreatesTheAdminWhoThenSignsIn() throws Exception {
        try (ConfigurableApplicationContext eddy = WholeEddy.embedded(Path.of("target/it-first-run/" + UUID.randomUUID()))) {
            String console = "http://localhost:" + eddy.getEnvironment().getProperty("local.server.port");
            ChromeDriver browser = BrowserSupport.open();
            try {
                browser.get(console + "/");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".eddy-setup")));
                assertThat(browser.findElement(By.tagName("body")).getText()).contains("Welcome to Eddy",
                        "Eddy has no user yet");
                var fields = browser.findElements(By.cssSelector(".eddy-setup vaadin-password-field input"));
                fields.get(0).sendKeys("short");
                fields.get(1).sendKeys("short");
                click(browser, "Create admin");
                wait.until(d -> d.findElement(By.cssSelector(".eddy-setup-problem")).getText()
                        .contains("at least 10 characters"));
                BrowserSupport.screenshot(browser, "first-run-setup-refused");
                fields.get(0).clear();
                fields.get(1).clear();
                fields.get(0).sendKeys("first admin password");
                fields.get(1).sendKeys("first admin password");
                click(browser, "Create admin");
                wait.until(d -> d.getCurrentUrl().contains("/login"));

                BrowserSupport.signIn(browser, console, "admin", "first admin password");
                WebElement menu = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".eddy-user-menu")));
                assertThat(menu.getText()).contains("admin");
                BrowserSupport.screenshot(browser, "first-run-signed-in");

                browser.get(console + "/setup");
                wait.until(d -> d.getCurrentUrl().contains("/login") || d.getCurrentUrl().endsWith("/"));
                assertThat(browser.findElements(By.cssSelector(".eddy-setup"))).as("setup is gone once an admin exists")
                        .isEmpty();
            } finally {
                browser.get("about:blank");
                browser.quit();
            }
        }
    }

    private static void click(ChromeDriver browser, String label) {
        browser.findElements(By.tagName("vaadin-button")).stream().filter(b -> b.getText().startsWith(label))
                .findFirst().orElseThrow().click();
    }
}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The schema page in a real browser: the tree shows Flink tables and integrations, and filters by name. */
@EddyIntegrationTest
class SchemaBrowserIT {
    @LocalServerPort
    int port;
    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = BrowserSupport.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void treeShowsCatalogsAndIntegrationsAndFilters() throws Exception {
        browser.get("http://localhost:" + port + "/schema");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> cells().contains("default_catalog") && cells().contains("local-kafka"));
        BrowserSupport.screenshot(browser, "schema-tree");
        WebElement filter = browser.findElement(By.cssSelector("vaadin-text-field input"));
        filter.sendKeys("customer_id");
        wait.until(d -> cells().contains("customer_id") && !cells().contains("local-kafka"));
        assertThat(cells()).contains("orders").contains("INT");
        BrowserSupport.screenshot(browser, "schema-tree-filtered");
    }

    private String cells() {
        return browser.findElements(By.cssSelector("vaadin-grid.eddy-schema-tree vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
    }
}

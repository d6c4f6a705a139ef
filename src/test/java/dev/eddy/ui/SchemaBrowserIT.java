package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The schema page in a real browser: the tree shows Flink tables and integrations, and filters by name. */
@EddyIntegrationTest
class SchemaBrowserIT extends BrowserTest {

    @Test
    void treeShowsCatalogsAndIntegrationsAndFilters() throws Exception {
        open("/schema");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> cells().contains("default_catalog") && cells().contains("local-kafka"));
        screenshot("schema-tree");
        WebElement filter = browser.findElement(By.cssSelector("vaadin-text-field input"));
        filter.sendKeys("customer_id");
        wait.until(d -> cells().contains("customer_id") && !cells().contains("local-kafka"));
        assertThat(cells()).contains("orders").contains("INT");
        screenshot("schema-tree-filtered");
    }

    private String cells() {
        return browser.findElements(By.cssSelector("vaadin-grid.eddy-schema-tree vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
    }
}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The schema page in a real browser: the tree shows Flink tables and integrations, filters by name,
 * and its right-click actions show DDL, preview data and query a table in the editor.
 */
@EddyIntegrationTest
class SchemaBrowserIT extends BrowserTest {

    @Test
    void treeShowsCatalogsAndIntegrationsAndFilters() throws Exception {
        open("/schema");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> cells().contains("eddy") && cells().contains("local-kafka"));
        screenshot("schema-tree");
        WebElement filter = browser.findElement(By.cssSelector("vaadin-text-field input"));
        filter.sendKeys("customer_id");
        wait.until(d -> cells().contains("customer_id") && !cells().contains("local-kafka"));
        assertThat(cells()).contains("orders").contains("INT");
        screenshot("schema-tree-filtered");
    }

    @Test
    void treeActionsShowDdlPreviewDataAndQueryInTheEditor() throws Exception {
        open("/schema");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> cells().contains("eddy") && cells().contains("local-kafka"));
        // The tree draws only the rows in view: narrow it to what the test clicks.
        WebElement filter = browser.findElement(By.cssSelector("vaadin-text-field.eddy-schema-filter input"));
        filter.sendKeys("orders");
        wait.until(d -> cells().contains("topic"));

        act(wait, "orders", "table", "Show DDL");
        WebElement ddl = wait.until(d -> d.findElement(By.cssSelector(".eddy-ddl")));
        assertThat(ddl.getText()).startsWith("CREATE ").contains("TABLE `eddy`").contains("`orders`").contains("'connector' = 'kafka'");
        screenshot("schema-show-ddl");
        closeDialog(wait);

        act(wait, "orders", "topic", "Preview messages");
        wait.until(d -> visibleGridCells("eddy-messages").contains("order_id"));
        screenshot("schema-preview-messages");
        closeDialog(wait);

        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "customers");
        wait.until(d -> cells().contains("pg table"));
        act(wait, "customers", "pg table", "Preview rows");
        wait.until(d -> visibleGridCells("eddy-table-rows").contains("Lovelace"));
        screenshot("schema-preview-rows");
        closeDialog(wait);

        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "orders");
        wait.until(d -> cells().contains("topic"));
        act(wait, "orders", "table", "Query in the editor");
        wait.until(d -> Editors.visible(browser) != null && Editors.script(browser).contains("LIMIT 100"));
        assertThat(Editors.script(browser)).isEqualTo("SELECT * FROM `eddy`.`default_database`.`orders` LIMIT 100;");
        wait.until(d -> visibleGridCells("eddy-table-view").contains("CREATED") || visibleGridCells("eddy-table-view").contains("PAID"));
        assertThat(browser.getCurrentUrl()).doesNotContain("sql=");
        screenshot("schema-query-in-editor");
    }

    /** Right-clicks the tree's row with this name and kind, and picks a menu item. */
    private void act(WebDriverWait wait, String name, String kind, String item) {
        WebElement target = wait.until(d -> (WebElement) ((JavascriptExecutor) d).executeScript("""
                const grid = document.querySelector('vaadin-grid.eddy-schema-tree');
                const content = td => {
                  const slot = td.querySelector('slot');
                  return slot ? grid.querySelector('vaadin-grid-cell-content[slot="' + slot.name + '"]') : null;
                };
                for (const row of grid.shadowRoot.querySelectorAll('tbody#items tr')) {
                  const cells = Array.from(row.querySelectorAll('td')).map(content);
                  if (cells.length > 1 && cells[0] && cells[1] && cells[0].textContent.trim() === arguments[0]
                      && cells[1].textContent.trim() === arguments[1]) {
                    return cells[0];
                  }
                }
                return null;""", name, kind));
        new Actions(browser).contextClick(target).perform();
        WebElement entry = wait.until(d -> d.findElements(By.cssSelector("vaadin-context-menu-item")).stream()
                .filter(e -> e.getText().strip().equals(item)).findFirst().orElse(null));
        entry.click();
    }

    private void closeDialog(WebDriverWait wait) {
        browser.findElement(By.xpath("//vaadin-dialog-overlay//vaadin-button[normalize-space(.)='Close']")).click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-dialog-overlay")).isEmpty());
    }

    private String cells() {
        return browser.findElements(By.cssSelector("vaadin-grid.eddy-schema-tree vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
    }
}

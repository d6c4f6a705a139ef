package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The Tables page in a real browser: create a table from the sample topic by clicking, then query it. */
@EddyIntegrationTest
class TablesBrowserIT extends BrowserTest {
    @Autowired
    TableService tables;


    @AfterEach
    void dropTheTable() {
        if (tables.list().stream().anyMatch(t -> t.name().equals("orders_clicked"))) {
            tables.drop("orders_clicked");
        }
    }

    @Test
    void aTableMadeByPointingAtTheSampleTopicCanBeQueried() throws Exception {
        open("/tables");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> visibleGridCells("eddy-tables").contains("local-kafka · orders"));
        screenshot("tables-list");

        browser.findElement(By.cssSelector("vaadin-button.eddy-new-table")).click();
        WebElement topic = wait.until(d -> d.findElement(By.cssSelector("vaadin-combo-box.eddy-wizard-source input")));
        topic.sendKeys("ord");
        wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .anyMatch(i -> i.getText().equals("orders")));
        topic.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        // The columns come from the topic's latest messages; the DDL follows as the form changes.
        wait.until(d -> d.findElements(By.cssSelector(".eddy-wizard-column")).size() >= 7);
        wait.until(d -> ddl().contains("'topic' = 'orders'") && ddl().contains("`order_time` TIMESTAMP_LTZ(3)")
                && ddl().contains("WATERMARK FOR `order_time`"));
        assertThat(ddl()).contains("'eddy.integration' = 'local-kafka'").doesNotContain("bootstrap");
        assertThat(browser.findElement(By.cssSelector(".eddy-wizard-sample")).getText()).contains("order_id");

        WebElement name = browser.findElement(By.cssSelector("vaadin-text-field.eddy-wizard-name input"));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "orders_clicked", Keys.TAB);
        wait.until(d -> ddl().startsWith("CREATE TABLE `orders_clicked`"));
        screenshot("tables-wizard");
        browser.findElement(By.cssSelector("vaadin-button.eddy-wizard-create")).click();
        wait.until(d -> visibleGridCells("eddy-tables").contains("orders_clicked"));
        screenshot("tables-created");

        // Edit it: the wizard opens filled in; a new description saves version 2.
        WebElement more = wait.until(d -> d.findElement(By.cssSelector("vaadin-menu-bar.eddy-table-actions[data-table='orders_clicked'] vaadin-menu-bar-button")));
        more.click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-menu-bar-item")).stream()
                .filter(i -> i.getText().strip().equals("Edit")).findFirst().orElse(null)).click();
        wait.until(d -> ddl().startsWith("CREATE TABLE `orders_clicked`") && ddl().contains("WATERMARK FOR `order_time`"));
        assertThat(browser.findElements(By.cssSelector(".eddy-wizard-column"))).hasSize(7);
        WebElement description = browser.findElement(By.xpath(
                "//vaadin-text-field[./label[normalize-space(.)='Description']]/input"));
        description.sendKeys("Orders, clicked together", Keys.TAB);
        wait.until(d -> ddl().contains("COMMENT 'Orders, clicked together'"));
        screenshot("tables-wizard-edit");
        browser.findElement(By.cssSelector("vaadin-button.eddy-wizard-create")).click();
        wait.until(d -> visibleGridCells("eddy-tables").contains("orders_clicked|local-kafka · orders|kafka · json|7|v2"));

        // Then query it from the editor, as a user would next.
        open("/");
        WebElement editor = wait.until(d -> Editors.visible(browser));
        Editors.setScript(browser, editor, "SELECT order_id, status FROM orders_clicked");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> visibleGridCells("eddy-table-view").matches(".*\\|[\\d,]+\\|+(CREATED|PAID|SHIPPED|CANCELLED).*"));
        screenshot("tables-queried");
    }

    private String ddl() {
        return browser.findElement(By.cssSelector(".eddy-wizard-ddl")).getText();
    }

}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.table.TableService;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
        // Other tests' topics may start with "ord" too (order_audit_browser): pick orders itself.
        wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(i -> i.getText().equals("orders")).findFirst().orElse(null)).click();
        // The columns come from the topic's latest messages; the DDL follows as the form changes.
        try {
            wait.until(d -> d.findElements(By.cssSelector(".eddy-wizard-column")).size() >= 7);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("tables-wizard-no-columns");
            throw new AssertionError("The wizard showed no columns for the topic; it says: "
                    + browser.findElement(By.tagName("vaadin-dialog-overlay")).getText(), e);
        }
        wait.until(d -> ddl().contains("'topic' = 'orders'") && ddl().contains("`order_time` TIMESTAMP_LTZ(3)")
                && ddl().contains("WATERMARK FOR `order_time`"));
        assertThat(ddl()).contains("'eddy.integration' = 'local-kafka'").doesNotContain("bootstrap");
        assertThat(browser.findElement(By.cssSelector(".eddy-wizard-sample")).getText()).contains("order_id");
        // Prices written with two decimals are money: DECIMAL, so sums are exact.
        assertThat(ddl()).containsPattern("`price` DECIMAL\\(\\d+, 2\\)");

        // 'orders' is taken: a free name is proposed, and typing a taken one is said beside the field.
        WebElement nameField = browser.findElement(By.cssSelector("vaadin-text-field.eddy-wizard-name"));
        assertThat(nameField.getAttribute("value")).isEqualTo("orders_2");
        WebElement name = browser.findElement(By.cssSelector("vaadin-text-field.eddy-wizard-name input"));
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "orders", Keys.TAB);
        // getAttribute reads the property: "true" or "false".
        wait.until(d -> "true".equals(nameField.getAttribute("invalid")));
        WebElement error = wait.until(d -> nameField.findElements(By.cssSelector("[slot='error-message']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(error.getText()).startsWith("A table named orders exists already");
        // A vaadin-button is no form control, so WebDriver's isEnabled() says nothing: read its property.
        assertThat(browser.findElement(By.cssSelector("vaadin-button.eddy-wizard-create")).getAttribute("disabled"))
                .isEqualTo("true");
        screenshot("tables-wizard-name-taken");
        name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "orders_clicked", Keys.TAB);
        wait.until(d -> !"true".equals(nameField.getAttribute("invalid")));
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

    @Test
    void aTopicThatDoesNotExistYetIsSaidAndCanBeCreatedFromTheWizard() throws Exception {
        open("/tables");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.until(d -> visibleGridCells("eddy-tables").contains("local-kafka · orders"));
        browser.findElement(By.cssSelector("vaadin-button.eddy-new-table")).click();
        WebElement topic = wait.until(d -> d.findElement(By.cssSelector("vaadin-combo-box.eddy-wizard-source input")));
        topic.sendKeys("wizard_new_topic", Keys.ENTER);
        wait.until(d -> browser.findElement(By.cssSelector(".eddy-wizard-sample")).getText()
                .contains("Topic wizard_new_topic does not exist in local-kafka yet"));
        WebElement create = browser.findElement(By.cssSelector("vaadin-button.eddy-wizard-create-topic"));
        assertThat(create.isDisplayed()).isTrue();
        screenshot("tables-wizard-missing-topic");
        create.click();
        wait.until(d -> d.findElement(By.cssSelector("vaadin-button.eddy-create-topic-confirm"))).click();
        // Created: the wizard reads it again, now an empty topic.
        wait.until(d -> browser.findElement(By.cssSelector(".eddy-wizard-sample")).getText()
                .contains("holds no message yet"));
        assertThat(browser.findElement(By.cssSelector("vaadin-button.eddy-wizard-create-topic")).isDisplayed()).isFalse();
    }

    private String ddl() {
        return browser.findElement(By.cssSelector(".eddy-wizard-ddl")).getText();
    }

}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Script tabs survive a reload, Explain shows the plan, and the history reopens what ran. */
@EddyIntegrationTest
class SqlScriptsBrowserIT extends BrowserTest {
    private static final String QUERY = "SELECT name, price FROM products WHERE price > 10";

    @Test
    void aScriptSurvivesAReloadExplainsAndComesBackFromTheHistory() throws Exception {
        open("/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = wait.until(d -> Editors.visible(d));
        Editors.setScript(browser, editor, QUERY);

        // What was typed is kept (sent when typing pauses): a reload shows it again.
        wait.until(d -> scripts.list().stream().anyMatch(script -> script.content().equals(QUERY)));
        browser.navigate().refresh();
        wait.until(d -> Editors.visible(d) != null && Editors.script(d).equals(QUERY));
        editor = Editors.visible(browser);

        browser.findElement(By.cssSelector("vaadin-button.eddy-explain")).click();
        WebElement plan = wait.until(d -> d.findElement(By.cssSelector(".eddy-message.plan pre")));
        assertThat(plan.getText()).contains("== Abstract Syntax Tree ==").contains("products");
        screenshot("sql-explain");

        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains(" in "));

        browser.findElement(By.cssSelector("vaadin-button.eddy-history")).click();
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("vaadin-grid.eddy-history-grid vaadin-grid-cell-content"))
                .stream().filter(c -> c.getText().equals(QUERY)).findFirst().orElse(null));
        screenshot("sql-history");
        row.click();
        By scriptTabs = By.cssSelector("vaadin-tabsheet.eddy-scripts > vaadin-tabs > vaadin-tab");
        wait.until(d -> d.findElements(scriptTabs).size() == 2);
        assertThat(browser.findElements(scriptTabs).get(1).getText()).contains("Script 2");
        wait.until(d -> Editors.script(d).equals(QUERY));
    }
}

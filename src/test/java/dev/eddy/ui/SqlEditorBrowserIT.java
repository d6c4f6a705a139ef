package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.config.Endpoints;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The SQL editor in a real headless Chromium: completion from Java, errors in place. */
@EddyIntegrationTest
class SqlEditorBrowserIT extends BrowserTest {
    @Autowired
    Endpoints endpoints;

    @Test
    void completesTablesAndKafkaTopicsThenRunsWithCtrlEnter() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = openWith(wait, "");

        // A table after FROM: the session's tables are offered as the name is typed.
        editor.sendKeys("SELECT * FROM cust");
        List<String> tables = offered(wait, editor, "table", "customers", "t");
        assertThat(tables).contains("customers");
        screenshot("editor-completes-table");
        editor.sendKeys(Keys.ENTER);
        wait.until(d -> Editors.script(d).equals("SELECT * FROM customers"));

        // A Kafka topic inside 'topic' = '…' of a CREATE TABLE: the integrations' topics are offered.
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys("CREATE TEMPORARY TABLE live_orders (order_id BIGINT, status STRING) WITH (");
        editor.sendKeys("'connector' = 'kafka', 'topic' = 'ord");
        List<String> topics = offered(wait, editor, "topic", "orders", "d");
        assertThat(topics).contains("orders");
        screenshot("editor-completes-topic");
        pick("topic", "orders");
        wait.until(d -> Editors.script(d).contains("'topic' = 'orders'"));

        // Finish the table with option values from completion's world, then run it with Ctrl+Enter.
        String script = Editors.script(browser);
        String rest = ", 'properties.bootstrap.servers' = '" + endpoints.kafkaBootstrapServers()
                + "', 'scan.startup.mode' = 'earliest-offset', 'format' = 'json');\n"
                + "SELECT status, COUNT(*) AS n FROM live_orders GROUP BY status";
        Editors.setScript(browser, editor, script.substring(0, script.lastIndexOf(')')) + rest);
        // The cursor stands in the CREATE TABLE: Ctrl+Enter runs that statement only.
        ((JavascriptExecutor) browser).executeScript("arguments[0].closest('eddy-sql-editor').select(5, 5)", editor);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> d.findElement(By.cssSelector(".eddy-message.success")).getText().startsWith("Done"));

        // Now the new table's columns are offered after its alias, as the select list is typed.
        Editors.setScript(browser, editor, " FROM live_orders l GROUP BY l.status");
        ((JavascriptExecutor) browser).executeScript("arguments[0].closest('eddy-sql-editor').select(0, 0)", editor);
        editor.sendKeys("SELECT l.st");
        wait.until(d -> options("column").contains("status"));
        screenshot("editor-completes-alias-column");
        editor.sendKeys(Keys.ENTER);
        wait.until(d -> Editors.script(d).startsWith("SELECT l.status FROM"));
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        // The table made from the completed DDL reads the topic: statuses appear.
        wait.withTimeout(Duration.ofSeconds(90)).until(d -> {
            Object size = ((JavascriptExecutor) d).executeScript(
                    "const g = document.querySelector('vaadin-grid.eddy-table-view'); return g ? g.size : 0;");
            return size != null && ((Number) size).longValue() >= 1;
        });
        screenshot("editor-ran-completed-statement");
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Stop')]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains("stopped"));
    }

    @Test
    void theFirstLetterOfATableNameOpensTheListAskedForWhenTheCursorCameAfterFrom() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = openWith(wait, "SELECT * FROM ");
        editor.sendKeys("o");
        offered(wait, editor, "table", "orders", "o");
        editor.sendKeys(Keys.ESCAPE, Keys.BACK_SPACE);
        JavascriptExecutor js = browser;
        // The cursor rests after "FROM ": the list for there is asked at once, before a letter is typed.
        Object asked = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const ed = arguments[0].closest('eddy-sql-editor');
                const look = () => ed.prefetched && ed.prefetched.from === 14
                    ? ed.prefetched.answer.then(a => done(a ? a.options.length : -1)) : setTimeout(look, 20);
                look();
                """, editor);
        assertThat(((Number) asked).intValue()).isPositive();
        // From now on the server never answers: the popup can only come from the list asked ahead.
        js.executeScript("const ed = arguments[0].closest('eddy-sql-editor');"
                + "ed.__complete = ed.$server.complete; ed.$server.complete = () => new Promise(() => {});", editor);
        try {
            editor.sendKeys("o");
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> options("table").contains("orders"));
        } finally {
            js.executeScript("const ed = arguments[0].closest('eddy-sql-editor'); ed.$server.complete = ed.__complete;",
                    editor);
        }
        pick("table", "orders");
        wait.until(d -> Editors.script(d).equals("SELECT * FROM orders"));
    }

    @Test
    void aSyntaxErrorIsUnderlinedOnItsLine() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = openWith(wait, "SELECT 1;\n\nSELECT order_id\nFROM orders WHERE AND status = 'NEW';");
        editor.sendKeys(" ");
        WebElement mark = wait.until(d -> d.findElement(By.cssSelector("eddy-sql-editor .cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo("AND");
        Object line = ((JavascriptExecutor) browser).executeScript(
                "const lines = Array.from(arguments[0].closest('.cm-content').querySelectorAll('.cm-line'));"
                        + "return lines.indexOf(arguments[0].closest('.cm-line')) + 1;", mark);
        assertThat(((Number) line).intValue()).isEqualTo(4);
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(mark).perform();
        WebElement tooltip = wait.until(d -> d.findElement(By.cssSelector(".cm-tooltip-lint")));
        assertThat(tooltip.getText()).contains("Unexpected AND").contains("line 4");
        screenshot("editor-syntax-error");

        // The editor follows the app's theme.
        browser.findElement(By.cssSelector("vaadin-button.eddy-theme-toggle")).click();
        wait.until(d -> "dark".equals(((JavascriptExecutor) d).executeScript(
                "return document.documentElement.getAttribute('theme')")));
        Object background = ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector('eddy-sql-editor .cm-editor')).backgroundColor");
        assertThat(background).isNotEqualTo("rgb(255, 255, 255)");
        screenshot("editor-syntax-error-dark");
        ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('eddy-theme')");
    }

    @Test
    void aNameDoubleClickedInTheSchemaBesideTheEditorIsWrittenAtTheCursor() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = openWith(wait, "SELECT * FROM ");
        WebElement filter = wait.until(d -> d.findElement(By.cssSelector(".eddy-side-schema vaadin-text-field input")));
        filter.sendKeys("order_totals");
        // The filter applies after a pause in typing: wait until the integrations are filtered out.
        By cells = By.cssSelector(".eddy-side-schema vaadin-grid vaadin-grid-cell-content");
        wait.until(d -> d.findElements(cells).stream().map(WebElement::getText).noneMatch("local-kafka"::equals));
        WebElement cell = wait.until(d -> d.findElements(cells).stream()
                .filter(c -> c.getText().equals("order_totals")).findFirst().orElse(null));
        screenshot("sql-page-schema-beside-editor");
        new org.openqa.selenium.interactions.Actions(browser).doubleClick(cell).perform();
        // Flink's catalogs come first in the tree: the table of Eddy's catalog, not the PostgreSQL one.
        wait.until(d -> Editors.script(d).equals("SELECT * FROM `eddy`.`default_database`.`order_totals`"));
    }

    /** Opens the SQL page with the script in the editor, the cursor at its end. */
    private WebElement openWith(WebDriverWait wait, String script) {
        open("/");
        WebElement editor = wait.until(d -> Editors.visible(d));
        Editors.setScript(browser, editor, script);
        return editor;
    }

    /**
     * Waits until completion offers the label among the options of a kind. The session's catalog
     * and the integrations are read in the background when the page opens: until then the last
     * letter typed is typed again, as a user would.
     */
    private List<String> offered(WebDriverWait wait, WebElement editor, String type, String label, String lastLetter) {
        return wait.until(d -> {
            if (options(type).contains(label)) {
                return options(type);
            }
            editor.sendKeys(Keys.BACK_SPACE, lastLetter);
            return null;
        });
    }

    /** The labels of the completion popup's options of one kind. */
    @SuppressWarnings("unchecked")
    private List<String> options(String type) {
        Object labels = ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('.cm-tooltip-autocomplete li'))"
                        + ".filter(li => li.querySelector('.cm-completionIcon-' + arguments[0]))"
                        + ".map(li => li.querySelector('.cm-completionLabel').textContent);", type);
        return labels == null ? List.of() : (List<String>) labels;
    }

    private void pick(String type, String label) {
        ((JavascriptExecutor) browser).executeScript(
                "const li = Array.from(document.querySelectorAll('.cm-tooltip-autocomplete li'))"
                        + ".find(li => li.querySelector('.cm-completionIcon-' + arguments[0])"
                        + " && li.querySelector('.cm-completionLabel').textContent === arguments[1]);"
                        + "li.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));"
                        + "li.click();", type, label);
    }
}

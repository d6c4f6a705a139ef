package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The SQL page in a real headless Chromium: run the example over the live sample topic, see rows. */
@EddyIntegrationTest
class SqlPageBrowserIT extends BrowserTest {
    @org.springframework.beans.factory.annotation.Autowired
    dev.eddy.query.QueryService queries;

    @Test
    void runningTheExampleStreamsSampleOrdersIntoTheGrid() throws Exception {
        open("/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = wait.until(d -> visibleEditor());
        assertThat(Editors.script(browser)).contains("FROM orders");
        screenshot("sql-page-start");

        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.withTimeout(Duration.ofSeconds(90)).until(d -> gridSize("eddy-table-view") >= 3);
        assertThat(browser.findElement(By.cssSelector(".eddy-figures")).getText()).startsWith("Running").contains("changes");
        // A console query stops at the time limit unless its user keeps it running: both are in sight.
        WebElement keep = browser.findElement(By.cssSelector("vaadin-button.eddy-keep-running"));
        wait.until(d -> keep.isDisplayed() && keep.getText().matches("Stops at \\d\\d:\\d\\d · Keep running"));
        screenshot("sql-page-streaming");
        keep.click();
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains("kept running until you stop it"));
        assertThat(browser.findElement(By.cssSelector("vaadin-button.eddy-keep-running")).isDisplayed()).isFalse();

        browser.findElement(By.xpath("//vaadin-button[contains(., 'Stop')]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains("stopped"));
        screenshot("sql-page-stopped");
    }

    @Test
    void anAggregateUpdatesTheTableAndShowsRetractionsInTheChangelog() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        openAndType(wait, "SELECT status, COUNT(*) AS orders FROM orders GROUP BY status")
                .sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        // Counts change in place: the figures show updates (-U/+U) while the table stays one row per status.
        wait.until(d -> d.findElement(By.cssSelector(".eddy-figures")).getText().contains("-U"));
        String before = visibleGridCells("eddy-table-view");
        wait.until(d -> !visibleGridCells("eddy-table-view").equals(before));
        assertThat(gridSize("eddy-table-view")).isBetween(1L, 4L);
        screenshot("sql-page-aggregate-table");

        browser.findElement(By.xpath("//vaadin-tab[contains(., 'Changelog')]")).click();
        wait.until(d -> visibleGridCells("eddy-changelog-view").contains("-U") && visibleGridCells("eddy-changelog-view").contains("+U"));
        screenshot("sql-page-aggregate-changelog");
        // Back and forth while rows keep coming: once this threw insertBefore on Node in the page.
        for (int i = 0; i < 3; i++) {
            browser.findElement(By.xpath("//vaadin-tab[contains(., 'Table')]")).click();
            Thread.sleep(700);
            browser.findElement(By.xpath("//vaadin-tab[contains(., 'Changelog')]")).click();
            Thread.sleep(700);
        }
        assertThat(browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll())
                .as("script errors in the page").noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                        && (e.getMessage().contains("Uncaught") || e.getMessage().contains("insertBefore")));

        browser.findElement(By.xpath("//vaadin-button[contains(., 'Stop')]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains("stopped"));
        assertThat(browser.findElement(By.cssSelector(".eddy-figures")).getText()).startsWith("Stopped");
    }

    @Test
    void twoScriptTabsRunTheirQueriesAtOnce() throws Exception {
        open("/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        WebElement first = wait.until(d -> visibleEditor());
        first.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> gridSize("eddy-table-view") >= 1);

        browser.findElement(By.cssSelector("vaadin-button.eddy-new-script")).click();
        WebElement second = wait.until(d -> {
            WebElement e = visibleEditor();
            return e != null && !e.equals(first) ? e : null;
        });
        Editors.setScript(browser, second, "SELECT customer_id, COUNT(*) AS orders FROM orders GROUP BY customer_id");
        second.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> gridSize("eddy-table-view") >= 2);
        screenshot("sql-page-second-tab");

        browser.findElement(By.xpath("//vaadin-tab[contains(., 'Script 1')]")).click();
        String before = wait.until(d -> visibleFigures().startsWith("Running") ? visibleFigures() : null);
        wait.until(d -> !visibleFigures().equals(before));
        assertThat(visibleFigures()).as("the first script kept running beside the second").startsWith("Running");
        screenshot("sql-page-first-tab-still-running");
    }

    @Test
    void anEndedQueryExportsItsTableAsCsvAndJson() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        openAndType(wait, "SELECT id, name, price FROM products").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> visibleFigures().startsWith("Finished"));
        screenshot("sql-page-bounded-finished");
        String csv = download("CSV");
        String[] lines = csv.strip().split("\\R");
        assertThat(lines).hasSize(16);
        assertThat(lines[0]).isEqualTo("id,name,price");
        assertThat(csv).contains("1,Espresso beans 1 kg,24.90");
        String json = download("JSON");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)).hasSize(15);
    }

    /** Fetches an export link's content inside the browser, with the browser's session. */
    private String download(String label) {
        WebElement anchor = browser.findElements(By.xpath("//a[.//vaadin-button[contains(., '" + label + "')]]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
        Object text = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0].href).then(r => r.text()).then(done, e => done('ERROR ' + e));", anchor);
        return text.toString();
    }

    /** Opens the SQL page and replaces the editor's text; returns the editor. */
    private WebElement openAndType(WebDriverWait wait, String sql) {
        open("/");
        WebElement editor = wait.until(d -> visibleEditor());
        Editors.setScript(browser, editor, sql);
        return editor;
    }

    private String visibleFigures() {
        return browser.findElements(By.cssSelector(".eddy-figures")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).findFirst().orElse("");
    }

    private WebElement visibleEditor() {
        return Editors.visible(browser);
    }

    @Test
    void aWrongTableNameShowsAReadableErrorWithItsPosition() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        openAndType(wait, "SELECT * FROM ordres");
        browser.findElement(By.cssSelector("vaadin-button.eddy-run")).click();
        WebElement error = wait.until(d -> d.findElement(By.cssSelector(".eddy-message.error")));
        wait.until(d -> error.getText().contains("ordres"));
        assertThat(error.getText()).contains("Object 'ordres' not found").contains("Line 1, column 15")
                .contains("Did you mean `orders`?").doesNotContain("org.apache");
        // The editor underlines the place Flink named.
        WebElement mark = wait.until(d -> d.findElement(By.cssSelector("eddy-sql-editor .cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo("ordres");
        screenshot("sql-page-error");
    }

    @Test
    void anInsertThatDoesNotFitItsTableIsPlacedOnTheQueryItem() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        openAndType(wait, "INSERT INTO orders SELECT order_id FROM orders");
        browser.findElement(By.cssSelector("vaadin-button.eddy-run")).click();
        WebElement error = wait.until(d -> d.findElement(By.cssSelector(".eddy-message.error")));
        wait.until(d -> error.getText().contains("do not match"));
        assertThat(error.getText()).contains("Line 1, column 27").contains("The query gives 1 column, the sink takes")
                .doesNotContain("org.apache");
        WebElement mark = wait.until(d -> d.findElement(By.cssSelector("eddy-sql-editor .cm-lintRange-error")));
        assertThat(mark.getText()).isEqualTo("order_id");
        screenshot("sql-page-sink-mismatch");
    }

    @Test
    void aQueryWithoutAFreeTaskSlotSaysSoWhileItWaitsAndRunsOnceOneIsFree() throws Exception {
        java.util.List<dev.eddy.query.SqlConsole> holders = new java.util.ArrayList<>();
        try {
            int slots = jobManager.overview().slotsAvailable();
            for (int i = 0; i < slots; i++) {
                dev.eddy.query.SqlConsole holder = queries.openConsole("browser-slot-holder-" + i);
                holders.add(holder);
                dev.eddy.support.RecordingListener running = new dev.eddy.support.RecordingListener();
                holder.run("SELECT order_id FROM orders", running);
                dev.eddy.support.Await.until("query " + i + " to hold its slot", Duration.ofSeconds(60),
                        () -> running.columns.get() != null, ready -> ready);
            }
            dev.eddy.support.Await.until("every slot to be taken", Duration.ofSeconds(60),
                    () -> jobManager.overview().slotsAvailable(), free -> free == 0);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            openAndType(wait, "SELECT customer_id FROM orders").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            WebElement warning = wait.until(d -> d.findElements(By.cssSelector(".eddy-message.warning")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertThat(warning.getText()).startsWith("Waiting for a free task slot: all " + slots + " slots are held by")
                    .contains("Stop a query in another script tab");
            assertThat(browser.findElement(By.cssSelector(".eddy-run-status")).getText())
                    .isEqualTo("Waiting for a free task slot…");
            screenshot("sql-page-waiting-for-a-slot");

            holders.remove(0).close();
            wait.until(d -> gridSize("eddy-table-view") >= 1);
            // The wait is over: the note goes at the watcher's next look, about a second after the job runs.
            wait.until(d -> d.findElements(By.cssSelector(".eddy-message.warning")).stream().noneMatch(WebElement::isDisplayed));
            assertThat(browser.findElements(By.cssSelector(".eddy-message.error"))).noneMatch(WebElement::isDisplayed);
        } finally {
            holders.forEach(dev.eddy.query.SqlConsole::close);
        }
    }

    private long gridSize(String gridClass) {
        Object size = ((JavascriptExecutor) browser).executeScript(
                "const g = Array.from(document.querySelectorAll('vaadin-grid.' + arguments[0]))"
                        + ".find(x => x.offsetParent !== null); return g ? g.size : 0;", gridClass);
        return size == null ? 0 : ((Number) size).longValue();
    }

}

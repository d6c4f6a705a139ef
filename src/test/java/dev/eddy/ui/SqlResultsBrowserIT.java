package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.cluster.JobSummary;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What each statement gives is shown, in a real headless Chromium: tables, text, failures, the clock. */
@EddyIntegrationTest
class SqlResultsBrowserIT extends BrowserTest {
    @org.springframework.beans.factory.annotation.Autowired
    dev.eddy.config.Endpoints endpoints;

    @Test
    void showAndDescribeResultsAreShownAndShowCreateTableIsTextToCopy() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        run(wait, "SHOW TABLES");
        wait.until(d -> visibleGridCells("eddy-table-view").contains("orders"));
        assertThat(visibleGridCells("eddy-table-view")).contains("customers").contains("products");
        assertThat(visibleText(".eddy-figures")).startsWith("Finished").contains("rows");
        screenshot("results-show-tables");

        run(wait, "DESCRIBE orders");
        wait.until(d -> visibleGridCells("eddy-table-view").contains("order_id"));
        assertThat(visibleGridCells("eddy-table-view")).contains("BIGINT").contains("status");
        screenshot("results-describe");

        run(wait, "SHOW CREATE TABLE orders");
        WebElement text = wait.until(d -> visible(".eddy-result-text pre"));
        assertThat(text.getText()).startsWith("CREATE TABLE").contains("`order_id` BIGINT").contains("'connector'");
        assertThat(visible(".eddy-result-text vaadin-button.eddy-copy-text")).isNotNull();
        assertThat(visible("vaadin-grid.eddy-table-view")).as("the DDL is text, not a grid cell").isNull();
        screenshot("results-show-create-table");
    }

    @Test
    void runAllKeepsEachStatementsResultAndMarksTheFailingOne() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = open(wait, "SHOW TABLES;\nSELECT id, name FROM products WHERE id <= 3;\nSELECT * FROM nosuch;");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.SHIFT, Keys.ENTER));
        WebElement failed = wait.until(d -> visible("vaadin-tab.eddy-result-failed"));
        assertThat(failed.getText()).startsWith("3 · SELECT * FROM nosuch");
        assertThat(failed.getAttribute("selected")).isNotNull();
        wait.until(d -> visibleText(".eddy-message.error").contains("nosuch"));
        List<String> tabs = browser.findElements(By.cssSelector(".eddy-statement-results vaadin-tab")).stream()
                .map(WebElement::getText).toList();
        assertThat(tabs).containsExactly("1 · SHOW TABLES", "2 · SELECT id, name FROM products WHERE…",
                "3 · SELECT * FROM nosuch");
        screenshot("results-run-all-failed");

        browser.findElement(By.xpath("//vaadin-tab[contains(., '1 · SHOW TABLES')]")).click();
        wait.until(d -> visibleGridCells("eddy-table-view").contains("orders"));
        browser.findElement(By.xpath("//vaadin-tab[contains(., '2 · SELECT id')]")).click();
        wait.until(d -> visibleGridCells("eddy-table-view").contains("Espresso beans 1 kg"));
        screenshot("results-run-all-second");
    }

    @Test
    void aQueryThatFailsOnFlinkSaysWhyAndStopsInsteadOfRestarting() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        run(wait, "SELECT order_id / (quantity - quantity) AS nonsense FROM orders");
        WebElement error = wait.until(d -> visible(".eddy-message.error"));
        assertThat(error.getText()).contains("failed while running on Flink").contains("/ by zero")
                .contains("ArithmeticException").contains("Fix what the cause names");
        assertThat(visibleText(".eddy-run-status")).startsWith("Failed after");
        screenshot("results-runtime-failure");
        // Its Flink job is not left to restart in a loop.
        wait.until(d -> jobManager.jobs().stream().noneMatch(JobSummary::isRunning));
    }

    @Test
    void anInsertIntoAMissingTopicOffersToCreateItAndRunsAgain() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement editor = open(wait, "CREATE TEMPORARY TABLE audit_sink (order_id BIGINT, status STRING) WITH ("
                + "'connector' = 'kafka', 'topic' = 'order_audit_browser', 'properties.bootstrap.servers' = '"
                + endpoints.kafkaBootstrapServers() + "', 'format' = 'json');\n"
                + "INSERT INTO audit_sink SELECT order_id, status FROM orders;");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.SHIFT, Keys.ENTER));
        WebElement error = wait.until(d -> visible(".eddy-message.error"));
        assertThat(error.getText()).contains("Topic order_audit_browser does not exist")
                .contains("does not create a topic when it is first written to");
        assertThat(visibleText(".eddy-run-status")).startsWith("Statement 2 of 2 failed after");
        screenshot("results-missing-topic");

        visible("vaadin-button.eddy-create-topic-open").click();
        WebElement dialog = wait.until(d -> visible("vaadin-dialog-overlay"));
        assertThat(dialog.getText()).contains("Create topic order_audit_browser").contains("Partitions")
                .contains("with the connection properties of the table");
        screenshot("results-create-topic-dialog");
        visible("vaadin-button.eddy-create-topic-confirm").click();
        // Created, and the INSERT ran again: its job is on the cluster.
        wait.until(d -> visibleText(".eddy-message.success").startsWith("Job ")
                || visibleText(".eddy-message.success").startsWith("The INSERT's job"));
        screenshot("results-missing-topic-created");
    }

    @Test
    void theClockTicksWhileNoRowArrives() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        run(wait, "SELECT order_id FROM orders WHERE status = 'NO SUCH STATUS'");
        wait.until(d -> visibleText(".eddy-run-status").equals("Waiting for the first row…"));
        String figures = wait.until(d -> visibleText(".eddy-figures").endsWith("waiting for the first row")
                ? visibleText(".eddy-figures") : null);
        // The clock moves while nothing arrives.
        wait.until(d -> !visibleText(".eddy-figures").equals(figures)
                && visibleText(".eddy-figures").endsWith("waiting for the first row"));
        assertThat(visibleText(".eddy-figures")).startsWith("Running · ");
        screenshot("results-waiting-for-first-row");
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Stop')]")).click();
        wait.until(d -> visibleText(".eddy-run-status").contains("stopped"));
    }

    @Test
    void aBrowserThatIsKilledFreesItsQueryWithinAMinute() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        java.util.Set<String> before = running();
        run(wait, "SELECT * FROM orders");
        wait.until(d -> visibleText(".eddy-figures").startsWith("Running"));
        String query = wait.until(d -> running().stream().filter(id -> !before.contains(id)).findFirst().orElse(null));
        long killedAt = System.nanoTime();
        BrowserSupport.kill(browser);
        browser = null;
        // The test JVM's pages heartbeat every 5 s: three missed and the query's Flink job is cancelled.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (running().contains(query) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(running()).as("the killed page's query").doesNotContain(query);
        System.out.printf("A killed browser's query was cancelled %.1f s after the kill%n",
                (System.nanoTime() - killedAt) / 1e9);
    }

    private java.util.Set<String> running() {
        return jobManager.jobs().stream().filter(JobSummary::isRunning).map(JobSummary::id)
                .collect(java.util.stream.Collectors.toSet());
    }

    private void run(WebDriverWait wait, String sql) {
        open(wait, sql).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    }

    private WebElement open(WebDriverWait wait, String sql) {
        if (!browser.getCurrentUrl().startsWith("http://localhost:" + port)) {
            open("/");
        }
        WebElement editor = wait.until(d -> Editors.visible(d));
        wait.until(d -> browser.findElement(By.cssSelector("vaadin-button.eddy-run")).isEnabled());
        Editors.setScript(browser, editor, sql);
        return editor;
    }

    private WebElement visible(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null);
    }

    private String visibleText(String css) {
        WebElement e = visible(css);
        return e == null ? "" : e.getText();
    }
}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.job.JobService;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** Deploy a pipeline from the editor as a named job, watch it on its page, stop it with a savepoint from the Jobs page. */
@EddyIntegrationTest
class JobsBrowserIT extends BrowserTest {
    private static final String NAME = "Order totals";
    @Autowired
    JobService jobs;

    @AfterEach
    void removeTheJob() {
        jobs.find(NAME).ifPresent(job -> {
            if (job.isActive()) {
                jobs.cancel(job.id());
            }
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !jobs.get(job.id()).isActive());
            jobs.delete(job.id());
        });
    }

    @Test
    void aPipelineDeployedFromTheEditorIsStoppedWithASavepointFromTheJobsPage() throws Exception {
        open("/");
        // The job pages refresh every 3 s: an element read between two refreshes may be replaced.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        wait.ignoring(StaleElementReferenceException.class);
        WebElement editor = wait.until(d -> Editors.visible(browser));
        Editors.setScript(browser, editor, "INSERT INTO order_totals\nSELECT customer_id, COUNT(*), "
                + "CAST(SUM(price * quantity) AS DECIMAL(12, 2))\nFROM orders\nGROUP BY customer_id;");
        browser.findElement(By.cssSelector("vaadin-button.eddy-deploy-job")).click();

        WebElement name = wait.until(d -> d.findElement(By.cssSelector("vaadin-text-field.eddy-job-name input")));
        name.sendKeys(NAME);
        browser.findElement(By.cssSelector("vaadin-button.eddy-check-job")).click();
        wait.until(d -> d.findElement(By.cssSelector("vaadin-dialog-overlay .eddy-message")).getText()
                .contains("It reads orders and writes order_totals"));
        screenshot("jobs-deploy-dialog");
        browser.findElement(By.cssSelector("vaadin-button.eddy-deploy")).click();

        wait.until(d -> d.getCurrentUrl().contains("/job/"));
        wait.until(d -> d.findElement(By.cssSelector(".eddy-job-state")).getText().equals("RUNNING"));
        wait.until(d -> d.findElement(By.cssSelector(".eddy-job-summary")).getText().contains("runs version 1"));
        // How far its Kafka source is behind the topic, once Flink reports it.
        wait.until(d -> d.findElement(By.cssSelector(".eddy-job-summary")).getText().matches(".* · \\d+ records? behind.*"));
        screenshot("jobs-job-page");

        // Its history: readings kept every 15 s, drawn once the History tab is open.
        browser.findElements(By.cssSelector("vaadin-tab")).stream().filter(t -> t.getText().equals("History")).findFirst()
                .orElseThrow().click();
        // An invisible component is not in the page at all: "no history yet" is gone or hidden.
        wait.until(d -> d.findElements(By.cssSelector(".eddy-history-empty")).stream().noneMatch(WebElement::isDisplayed)
                && !d.findElements(By.cssSelector(".eddy-chart-throughput canvas")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".eddy-chart-throughput")).getText()).contains("in", "out");
        assertThat(browser.findElement(By.cssSelector(".eddy-history-range")).getText()).contains("Last hour");
        screenshot("jobs-job-history");

        // Its own log lines (Eddy logs Flink from WARN up: its Kafka source's warning as it starts).
        browser.findElements(By.cssSelector("vaadin-tab")).stream().filter(t -> t.getText().equals("Logs")).findFirst()
                .orElseThrow().click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            d.findElement(By.cssSelector(".eddy-job-logs vaadin-button")).click();
            return visibleGridCells("eddy-job-log-lines").contains("Offset commit on checkpoint is disabled");
        });
        assertThat(visibleGridCells("eddy-job-log-lines")).contains("WARN", "Eddy (embedded Flink)");
        screenshot("jobs-job-logs");

        open("/jobs");
        wait.until(d -> visibleGridCells("eddy-jobs").contains(NAME));
        wait.until(d -> visibleGridCells("eddy-jobs").contains("RUNNING"));
        assertThat(visibleGridCells("eddy-jobs")).contains("orders → order_totals");
        screenshot("jobs-list-running");

        wait.until(d -> d.findElement(By.cssSelector("vaadin-icon.eddy-job-more[data-job='" + NAME + "']"))).click();
        wait.until(d -> d.findElements(By.cssSelector("vaadin-context-menu-item")).stream()
                .filter(i -> i.getText().strip().equals("Stop with savepoint")).findFirst().orElse(null));
        screenshot("jobs-list-actions");
        wait.until(d -> d.findElements(By.cssSelector("vaadin-context-menu-item")).stream()
                .filter(i -> i.getText().strip().equals("Stop with savepoint")).findFirst().orElse(null)).click();
        wait.until(d -> visibleGridCells("eddy-jobs").contains("STOPPED"));
        screenshot("jobs-list-stopped");
        long id = jobs.find(NAME).orElseThrow().id();
        assertThat(jobs.savepoints(id)).hasSize(1);
        assertThat(jobs.get(id).shouldRun()).isFalse();

        // Its page offers the savepoint to restart from.
        open("/job/" + id);
        wait.until(d -> d.findElement(By.cssSelector(".eddy-job-state")).getText().equals("STOPPED"));
        browser.findElement(By.xpath("//vaadin-tab[normalize-space(.)='Checkpoints']")).click();
        wait.until(d -> d.findElements(By.xpath("//vaadin-grid-cell-content[contains(., 'Savepoint of version 1 (stopped)')]")).size() > 0);
        screenshot("jobs-job-restart-points");
    }
}

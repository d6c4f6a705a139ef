package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Cluster page shows the cluster's plan and figures, and which Eddy on the store runs the job watcher. */
@EddyIntegrationTest
class ClusterBrowserIT extends BrowserTest {

    @Test
    void theClusterPageShowsItsSlotsAndWhichEddyWatchesTheJobs() throws Exception {
        open("/cluster");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        String watcher = wait.until(d -> d.findElement(By.cssSelector(".eddy-watcher"))).getText();
        assertThat(watcher).startsWith("This Eddy (" + ProcessHandle.current().pid() + "@")
                .endsWith("runs the job watcher.");
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Task slots free", "Flink version", "SQL Gateway at");
        assertThat(browser.findElement(By.cssSelector(".eddy-plan")).getText())
                .isEqualTo("Plan: Embedded — Flink runs inside Eddy's JVM and stops with it.");
        assertThat(browser.findElements(By.cssSelector(".eddy-nodes"))).as("no processes of its own").isEmpty();
        screenshot("cluster-page");
    }
}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
        assertThat(browser.findElement(By.cssSelector(".eddy-state-storage")).getText())
                .startsWith("Checkpoints and savepoints: file:/").endsWith("(checkpoints/ and savepoints/)");
        // The embedded TaskManager, read off the UI thread: its slots, CPU, heap and health.
        String taskManagers = new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(() -> "the TaskManagers section says: "
                + browser.findElement(By.cssSelector(".eddy-taskmanagers")).getText()).until(d -> {
            Object text = browser.executeScript("const g = document.querySelector('.eddy-taskmanagers vaadin-grid');"
                    + "return g && g.offsetParent ? Array.from(g.querySelectorAll('vaadin-grid-cell-content'))"
                    + ".map(c => c.textContent).join('|') : null;");
            return text != null && text.toString().contains("Healthy") ? text.toString() : null;
        });
        screenshot("cluster-page-taskmanagers");
        assertThat(taskManagers).containsPattern("\\|\\d of 4\\|").containsPattern("\\d+ cores?");
        // Flink inside Eddy keeps no log files of its own: the admin is told where its lines are.
        wait.until(d -> d.findElement(By.cssSelector(".eddy-log-status")).getText().startsWith("The cluster keeps no log files"));
        screenshot("cluster-page");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('.eddy-cluster-logs').scrollIntoView()");
        screenshot("cluster-page-logs");
    }

    @Test
    void flinksWebUiOpensThroughEddyBehindItsSignIn() throws Exception {
        open("/cluster");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        String href = wait.until(d -> d.findElement(By.xpath("//a[contains(., \"Open Flink's web UI\")]"))).getAttribute("href");
        assertThat(href).isEqualTo("http://localhost:" + port + "/flink/");
        // Flink's page and its data come through Eddy in this signed-in browser session.
        JavascriptExecutor js = browser;
        Object page = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(String.valueOf(page)).contains("<title>Apache Flink Web Dashboard</title>");
        Object overview = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0] + 'overview').then(r => r.text()).then(done, e => done('failed: ' + e));", href);
        assertThat(String.valueOf(overview)).contains("\"slots-total\"", "\"flink-version\"");
        browser.get(href);
        // Flink's own dashboard, its data read through Eddy: the overview names the task slots.
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Available Task Slots"));
        assertThat(browser.getTitle()).contains("Flink");
        screenshot("flink-web-ui-through-eddy");

        // Not signed in: the login page, not Flink's data.
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/flink/overview")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(302, 401);
        assertThat(anonymous.body()).doesNotContain("slots-total");
    }
}

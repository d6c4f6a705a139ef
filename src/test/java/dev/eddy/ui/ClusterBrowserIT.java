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
        // Its history: heap, CPU and slots read every 15 s, charted under the TaskManagers.
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            history.read();
            return !d.findElements(By.cssSelector(".eddy-chart-heap canvas")).isEmpty()
                    && !d.findElements(By.cssSelector(".eddy-chart-slots canvas")).isEmpty();
        });
        browser.executeScript("document.querySelector('.eddy-cluster-history').scrollIntoView()");
        assertThat(browser.findElement(By.cssSelector(".eddy-chart-heap")).getText()).contains("JobManager", "fullest TaskManager");
        assertThat(browser.findElement(By.cssSelector(".eddy-chart-slots")).getText()).contains("in all", "free");
        screenshot("cluster-page-history");
        assertThat(taskManagers).containsPattern("\\|\\d of 4\\|").containsPattern("\\d+ cores?");
        // Flink inside Eddy keeps no log files of its own: the admin is told where its lines are.
        wait.until(d -> d.findElement(By.cssSelector(".eddy-log-status")).getText().startsWith("The cluster keeps no log files"));
        screenshot("cluster-page");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector('.eddy-cluster-logs').scrollIntoView()");
        screenshot("cluster-page-logs");
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.eddy.clustersettings.ClusterSettingsService settings;
    @org.springframework.beans.factory.annotation.Autowired
    dev.eddy.observe.ClusterHistory history;

    @Test
    void anAdminChangesAJobDefaultOnTheSettingsPageReviewsItAndSeesTheNewVersion() throws Exception {
        dev.eddy.cluster.ClusterSettings before = asAdmin(() -> settings.current());
        try {
            open("/cluster");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.cssSelector("a.eddy-cluster-settings-link"))).click();
            wait.until(d -> d.findElement(By.cssSelector(".eddy-cluster-settings")));
            assertThat(browser.findElement(By.tagName("body")).getText()).contains(
                    "The cluster runs inside Eddy: task slots and the state backend take effect at Eddy's next start.");
            int parallelism = Integer.parseInt(before.get(dev.eddy.cluster.ClusterSettings.PARALLELISM));
            var field = browser.findElement(By.cssSelector("vaadin-integer-field.eddy-default-parallelism input"));
            field.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), String.valueOf(parallelism + 1),
                    org.openqa.selenium.Keys.TAB);
            screenshot("cluster-settings");
            var reviewButton = browser.findElement(By.cssSelector("vaadin-button.eddy-review-settings"));
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", reviewButton);
            reviewButton.click();
            String review = wait.until(d -> d.findElement(By.cssSelector(".eddy-settings-preview"))).getText();
            assertThat(review).contains("parallelism.default: " + parallelism + " → " + (parallelism + 1),
                    "Job defaults only: nothing restarts");
            screenshot("cluster-settings-review");
            browser.findElement(By.cssSelector("vaadin-button.eddy-apply-settings")).click();
            String said = wait.until(d -> {
                String text = d.findElement(By.cssSelector(".eddy-message")).getText();
                return text.startsWith("Version ") ? text : null;
            });
            assertThat(said).contains("Job defaults changed: jobs deployed or restarted from now on use them");
            Object rows = browser.executeScript("return Array.from(document.querySelectorAll("
                    + "'vaadin-grid.eddy-settings-versions vaadin-grid-cell-content')).map(c => c.textContent).join('|');");
            assertThat(String.valueOf(rows)).contains("|admin|Applied|parallelism.default: " + parallelism + " → "
                    + (parallelism + 1) + "|Job defaults changed");
            browser.executeScript("document.querySelector('vaadin-grid.eddy-settings-versions').scrollIntoView()");
            screenshot("cluster-settings-applied");
            assertThat(asAdmin(() -> settings.current().get(dev.eddy.cluster.ClusterSettings.PARALLELISM)))
                    .isEqualTo(String.valueOf(parallelism + 1));
        } finally {
            asAdmin(() -> settings.current().equals(before) ? null : settings.apply(before));
        }
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var auth = new org.springframework.security.authentication.TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN");
        auth.setAuthenticated(true);
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return work.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
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

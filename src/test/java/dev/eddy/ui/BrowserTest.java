package dev.eddy.ui;

import dev.eddy.cluster.JobManagerClient;
import dev.eddy.cluster.JobSummary;
import dev.eddy.sql.ScriptStore;
import dev.eddy.support.EddyIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real headless Chromium per test against the running console. */
abstract class BrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    ScriptStore scripts;
    @Autowired
    JobManagerClient jobManager;
    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        // Scripts are kept across visits: each test starts from the example, as a first visit does.
        scripts.deleteAll();
        browser = BrowserSupport.open();
        if (startsSignedIn()) {
            signIn("admin", EddyIntegrationTest.ADMIN_PASSWORD);
        }
    }

    /** Most journeys start signed in as the admin; the login tests start at the door. */
    boolean startsSignedIn() {
        return true;
    }

    /** Signs in on the login page, as a person does; the browser keeps the session for the test. */
    void signIn(String user, String password) {
        BrowserSupport.signIn(browser, "http://localhost:" + port, user, password);
    }

    /**
     * Leaves the page first, so Vaadin closes the UI and its editors stop their queries, as when a
     * user closes the tab. A query the page still runs would hold a task slot for the tests after.
     */
    @AfterEach
    void closeBrowser() throws InterruptedException {
        if (browser != null) {
            try {
                browser.get("about:blank");
            } finally {
                browser.quit();
            }
        }
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!running().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        // The UI may outlive the page by a heartbeat: what still runs is stopped for the next test.
        List<JobSummary> left = running();
        if (!left.isEmpty()) {
            System.out.println("Cancelling " + left.size() + " job(s) the closed page left running");
            left.forEach(job -> jobManager.cancel(job.id()));
        }
    }

    private List<JobSummary> running() {
        return jobManager.jobs().stream().filter(j -> j.state().equals("RUNNING") || j.state().equals("CREATED")
                || j.state().equals("INITIALIZING")).toList();
    }

    void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** The text of every cell of the visible grid with this class, joined by '|'. */
    String visibleGridCells(String gridClass) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const g = Array.from(document.querySelectorAll('vaadin-grid.' + arguments[0]))"
                        + ".find(x => x.offsetParent !== null);"
                        + "return g ? Array.from(g.querySelectorAll('vaadin-grid-cell-content'))"
                        + ".map(c => c.textContent).join('|') : '';", gridClass);
        return text == null ? "" : text.toString();
    }

    /**
     * Whether a notification on screen starts with {@code prefix}. Read in the page: an older card may
     * be shown first, and one that closes while Selenium reads it would be a stale element.
     */
    boolean notificationShows(String prefix) {
        return Boolean.TRUE.equals(browser.executeScript("return Array.from(document.querySelectorAll("
                + "'vaadin-notification-card')).some(c => c.innerText.trim().startsWith(arguments[0]))", prefix));
    }

    void screenshot(String name) throws Exception {
        BrowserSupport.screenshot(browser, name);
    }
}

package dev.eddy.ui;

import dev.eddy.job.Job;
import dev.eddy.job.JobDraft;
import dev.eddy.job.JobService;
import dev.eddy.job.JobSettings;
import dev.eddy.query.QueryService;
import dev.eddy.query.SqlConsole;
import dev.eddy.support.EddyIntegrationTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Console latency under load, printed, not asserted: 20 console pages (real Vaadin UIs in a headless
 * Chromium, one signed-in session) each stream a query while 5 deployed jobs run; meanwhile one more
 * person, in a browser of their own, runs a query again and again (Run → first row in the grid) and
 * types where completion opens (keystroke → popup), both timed inside the page. Eddy's process CPU
 * and RSS are sampled throughout. Run with
 * {@code mvn -Pbenchmark verify -Dit.test=ConsoleLatencyBenchmark}.
 */
@EddyIntegrationTest
@TestPropertySource(properties = {
    "eddy.embedded.flink.task-slots=32",
    "eddy.query.max-running-per-user=30",
    "eddy.embedded.kafka.sample-orders-per-second=50"
})
class ConsoleLatencyBenchmark extends BrowserTest {
    private static final int SESSIONS = Integer.getInteger("benchmark.sessions", 20);
    private static final int JOBS = Integer.getInteger("benchmark.jobs", 5);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 20);
    private static final int KEYSTROKES = Integer.getInteger("benchmark.keystrokes", 100);

    @Autowired
    JobService jobs;
    @Autowired
    QueryService queries;

    @Test
    void firstRowAndCompletionLatencyWhileTwentySessionsStreamAndFiveJobsRun() throws Exception {
        open("/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        WebElement editor = wait.until(d -> Editors.visible(browser));
        // Completion's lists arrive in the background when a page opens: the first popup waits for them.
        completion(wait, editor);
        Sampler idle = new Sampler();
        idle.start();
        measure("alone", wait, editor);
        idle.stop();
        idle.print("alone");

        List<Job> deployed = deployJobs();
        ChromeDriver load = BrowserSupport.open();
        Sampler loaded = new Sampler();
        try {
            BrowserSupport.signIn(load, "http://localhost:" + port, "admin", EddyIntegrationTest.ADMIN_PASSWORD);
            long t0 = System.nanoTime();
            for (int i = 0; i < SESSIONS; i++) {
                if (i > 0) {
                    load.switchTo().newWindow(WindowType.TAB);
                }
                load.get("http://localhost:" + port + "/");
                WebDriverWait loading = new WebDriverWait(load, Duration.ofSeconds(120));
                WebElement other = loading.until(d -> Editors.visible(load));
                Editors.setScript(load, other, "SELECT order_id, customer_id, status, " + i + " AS session FROM orders");
                other.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
                loading.until(d -> d.findElement(By.cssSelector(".eddy-figures")).getText().startsWith("Running"));
            }
            System.out.printf(Locale.ROOT, "%d console pages streaming after %.0f s; %d jobs running%n", SESSIONS,
                    (System.nanoTime() - t0) / 1e9, deployed.size());
            loaded.start();
            measure("under load", wait, editor);
            screenshot("latency-under-load");
            loaded.stop();
            loaded.print("under load");
        } finally {
            loaded.stop();
            load.quit();
            for (Job job : deployed) {
                jobs.cancel(job.id());
            }
        }
    }

    private void measure(String label, WebDriverWait wait, WebElement editor) {
        List<Double> firstRows = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            firstRows.add(firstRow(wait, editor, run));
        }
        List<Double> popups = new ArrayList<>();
        for (int k = 0; k < KEYSTROKES; k++) {
            popups.add(completion(wait, editor));
        }
        System.out.printf(Locale.ROOT, "%s: Run → first row in the grid (%d runs): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                label, RUNS, pct(firstRows, 50), pct(firstRows, 95), pct(firstRows, 100));
        System.out.printf(Locale.ROOT, "%s: keystroke → completion popup (%d keystrokes): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                label, KEYSTROKES, pct(popups, 50), pct(popups, 99), pct(popups, 100));
    }

    /** One run of a fresh query: milliseconds from the click on Run until its first row is in the grid. */
    private double firstRow(WebDriverWait wait, WebElement editor, int run) {
        String marker = "run_" + (1000 + run);
        Editors.setScript(browser, editor, "SELECT order_id, status, " + run + " AS " + marker + " FROM orders");
        JavascriptExecutor js = browser;
        js.executeScript("""
                window.__first = null;
                const marker = arguments[0];
                const run = Array.from(document.querySelectorAll('vaadin-button.eddy-run')).find(b => b.offsetParent !== null);
                const t0 = performance.now();
                const look = () => {
                  const g = Array.from(document.querySelectorAll('vaadin-grid.eddy-table-view')).find(x => x.offsetParent !== null);
                  const ours = g && Array.from(g.querySelectorAll('vaadin-grid-cell-content')).some(c => c.textContent.trim().split(' ')[0] === marker);
                  if (ours && g.size > 0) { window.__first = performance.now() - t0; } else { requestAnimationFrame(look); }
                };
                run.click();
                requestAnimationFrame(look);
                """, marker);
        Object ms = wait.until(d -> js.executeScript("return window.__first;"));
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Stop')]")).click();
        wait.until(d -> d.findElement(By.cssSelector(".eddy-run-status")).getText().contains("stopped"));
        return ((Number) ms).doubleValue();
    }

    /** One keystroke where completion opens: milliseconds from its keydown until the popup shows options. */
    private double completion(WebDriverWait wait, WebElement editor) {
        Editors.setScript(browser, editor, "SELECT * FROM ");
        JavascriptExecutor js = browser;
        js.executeScript("""
                window.__popup = null; window.__k0 = null;
                document.querySelectorAll('.cm-tooltip-autocomplete').forEach(t => t.remove());
                document.addEventListener('keydown', () => { window.__k0 = performance.now(); }, {capture: true, once: true});
                const seen = new MutationObserver(() => {
                  if (window.__k0 !== null && window.__popup === null && document.querySelector('.cm-tooltip-autocomplete li')) {
                    window.__popup = performance.now() - window.__k0; seen.disconnect();
                  }
                });
                seen.observe(document.body, {childList: true, subtree: true});
                """);
        editor.sendKeys("o");
        Object ms = wait.until(d -> js.executeScript("return window.__popup;"));
        editor.sendKeys(Keys.ESCAPE);
        return ((Number) ms).doubleValue();
    }

    private List<Job> deployJobs() throws Exception {
        List<Job> deployed = new ArrayList<>();
        try (SqlConsole console = queries.openConsole("latency-benchmark")) {
            for (int j = 0; j < JOBS; j++) {
                String sink = "latency_sink_" + j + "_" + Long.toHexString(System.nanoTime());
                console.collect("CREATE TABLE " + sink + " (customer_id BIGINT, orders BIGINT) WITH ('connector' = 'blackhole')", 1);
                deployed.add(jobs.deploy(new JobDraft("latency load " + sink, "", "INSERT INTO " + sink
                        + " SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id", JobSettings.defaults())));
            }
        }
        return deployed;
    }

    private static double pct(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Eddy's process CPU (share of all cores) and resident memory, once a second. */
    private static final class Sampler {
        private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();
        private final List<Double> cpu = Collections.synchronizedList(new ArrayList<>());
        private final List<Double> rssMb = Collections.synchronizedList(new ArrayList<>());
        private boolean started;

        void start() {
            started = true;
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            every.scheduleAtFixedRate(() -> {
                double load = os.getProcessCpuLoad();
                if (load >= 0) {
                    cpu.add(load * 100);
                }
                rssMb.add(rss());
            }, 1, 1, TimeUnit.SECONDS);
        }

        void stop() {
            every.shutdownNow();
        }

        void print(String label) {
            if (!started || cpu.isEmpty()) {
                return;
            }
            System.out.printf(Locale.ROOT, "%s: Eddy's JVM (console, Flink MiniCluster and Kafka broker; %d cores) meanwhile: "
                    + "CPU mean %.0f %%, p95 %.0f %% of all cores; RSS mean %.0f MB, max %.0f MB%n", label,
                    Runtime.getRuntime().availableProcessors(), cpu.stream().mapToDouble(d -> d).average().orElse(0),
                    pct(cpu, 95), rssMb.stream().mapToDouble(d -> d).average().orElse(0), pct(rssMb, 100));
        }

        private static double rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (java.io.IOException e) {
                // Not Linux: no figure.
            }
            return 0;
        }
    }
}

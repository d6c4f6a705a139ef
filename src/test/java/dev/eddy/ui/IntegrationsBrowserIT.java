package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.config.Endpoints;
import dev.eddy.config.Secret;
import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.integration.PostgresSettings;
import java.util.Map;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The Integrations page in a real browser: add a Kafka service, test it, save it, see it listed. */
@EddyIntegrationTest
class IntegrationsBrowserIT extends BrowserTest {
    @Autowired
    Endpoints endpoints;
    @Autowired
    IntegrationService integrations;

    @Test
    void addingAKafkaServiceTestsItAndListsIt() throws Exception {
        open("/integrations");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.cssSelector("vaadin-grid.eddy-integrations")));
        assertThat(cells()).contains("local-kafka").contains("sample-postgres");
        screenshot("integrations-list");

        browser.findElement(By.xpath("//vaadin-button[contains(., 'Add Kafka')]")).click();
        WebElement dialog = wait.until(d -> d.findElement(By.cssSelector("vaadin-dialog-overlay")));
        field("Name").sendKeys("orders-kafka");
        field("Bootstrap servers").sendKeys(endpoints.kafkaBootstrapServers());
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Test connection')]")).click();
        wait.until(d -> dialog.getText().contains("Connected to " + endpoints.kafkaBootstrapServers()));
        screenshot("integrations-dialog-tested");

        browser.findElement(By.xpath("//vaadin-button[normalize-space(.)='Save']")).click();
        wait.until(d -> cells().contains("orders-kafka"));
        assertThat(browser.findElement(By.cssSelector(".eddy-check-result")).getText()).contains("orders-kafka saved");
        screenshot("integrations-saved");

        // Its topics are in the schema tree, under the new integration.
        open("/schema");
        WebElement filter = wait.until(d -> d.findElement(By.cssSelector("vaadin-text-field.eddy-schema-filter input")));
        filter.sendKeys("orders");
        // The integration shows first, its topics once its metadata is read (off the UI thread). Rows are read
        // in the order the tree shows them: the grid reuses its cells, so their order in the page is not that.
        String rows = wait.withMessage(() -> "the tree shows the topic orders under orders-kafka; it shows:\n" + treeRows())
                .until(d -> {
                    String shown = treeRows();
                    return shown.contains("orders-kafka|integration|") ? shown : null;
                });
        // Under it (the rows after it, up to the next catalog or integration): its topics, orders among them
        // (other tests' topics too: the filter shows every child of an integration whose name matches).
        wait.until(d -> {
            List<String> lines = List.of(treeRows().split("\n"));
            int at = -1;
            for (int i = 0; i < lines.size() && at < 0; i++) {
                at = lines.get(i).startsWith("orders-kafka|integration|") ? i : -1;
            }
            for (int i = at + 1; at >= 0 && i < lines.size(); i++) {
                if (lines.get(i).contains("|integration|") || lines.get(i).contains("|catalog|")) {
                    return false;
                }
                if (lines.get(i).startsWith("orders|topic|")) {
                    return true;
                }
            }
            return false;
        });
        assertThat(rows).contains("orders-kafka|integration|Kafka · " + endpoints.kafkaBootstrapServers());
        screenshot("integrations-new-in-tree");
        integrations.delete("orders-kafka");
    }

    @Test
    void savingAServiceThatDoesNotAnswerAsksFirstAndSaysWhyOnce() throws Exception {
        open("/integrations");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.cssSelector("vaadin-grid.eddy-integrations")));
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Add Kafka')]")).click();
        WebElement dialog = wait.until(d -> d.findElement(By.cssSelector("vaadin-dialog-overlay")));
        field("Name").sendKeys("closed-kafka");
        field("Bootstrap servers").sendKeys("127.0.0.1:1");
        browser.findElement(By.xpath("//vaadin-button[normalize-space(.)='Save']")).click();
        WebElement anyway = wait.until(d -> d.findElement(By.xpath("//vaadin-button[starts-with(normalize-space(.), 'Save anyway')]")));
        String text = dialog.getText();
        assertThat(text).contains("Nothing listens at 127.0.0.1:1 (connection refused)");
        assertThat(text.split("Nothing listens at", -1)).as("the reason is said once").hasSize(2);
        assertThat(integrations.find("closed-kafka")).as("not saved yet").isEmpty();
        screenshot("integrations-save-broken");
        anyway.click();
        wait.until(d -> cells().contains("closed-kafka"));
        integrations.delete("closed-kafka");
    }

    /** The schema tree's rows as shown, top to bottom, one per line, cells joined by '|'. */
    private String treeRows() {
        Object rows = browser.executeScript("const g = document.querySelector('vaadin-grid.eddy-schema-tree');"
                + "if (!g) return '';"
                + "const trs = Array.from(g.shadowRoot.querySelectorAll('tbody#items tr'))"
                + "  .filter(tr => !tr.hidden && tr.index !== undefined).sort((a, b) => a.index - b.index);"
                + "return trs.map(tr => Array.from(tr.querySelectorAll('td')).map(td => {"
                + "  const slot = td.querySelector('slot'); const n = slot && slot.assignedNodes()[0];"
                + "  return n ? n.textContent.trim() : ''; }).join('|')).join('\\n');");
        return rows == null ? "" : rows.toString();
    }

    @Test
    void aStoredPasswordNeverReachesTheBrowser() throws Exception {
        integrations.save(new IntegrationDraft("guarded-postgres", IntegrationKind.POSTGRES, Map.of(
                PostgresSettings.HOST, "db.example", PostgresSettings.PORT, "5432", PostgresSettings.DATABASE, "shop",
                PostgresSettings.READ_USER, "reader"), Map.of(PostgresSettings.READ_PASSWORD,
                Secret.of("hunter2-browser-secret"))));
        try {
            open("/integrations");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> cells().contains("guarded-postgres"));
            browser.findElement(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='guarded-postgres']"
                    + "/following::vaadin-button[normalize-space(.)='Edit'][1]")).click();
            WebElement dialog = wait.until(d -> d.findElement(By.cssSelector("vaadin-dialog-overlay")));
            wait.until(d -> dialog.getText().contains("Edit PostgreSQL guarded-postgres"));
            assertThat(browser.findElement(By.xpath("//vaadin-password-field[./label[normalize-space(.)="
                    + "'Read-only password']]/input")).getDomProperty("placeholder")).isEqualTo("set — leave empty to keep");
            assertThat(browser.getPageSource()).doesNotContain("hunter2-browser-secret");
            screenshot("integrations-edit-secret-hidden");
        } finally {
            integrations.delete("guarded-postgres");
        }
    }

    @Test
    void anAdminLimitsAnIntegrationToReadingForDevelopersFromTheList() throws Exception {
        integrations.save(new IntegrationDraft("limited-kafka", IntegrationKind.KAFKA, Map.of(
                KafkaSettings.BOOTSTRAP_SERVERS, endpoints.kafkaBootstrapServers()), Map.of()));
        try {
            open("/integrations");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            WebElement access = wait.until(d -> d.findElement(By.id("developer-access-limited-kafka")));
            assertThat(access.getText()).contains("read & write");
            access.click();
            wait.until(d -> d.findElement(By.xpath("//vaadin-select-item[normalize-space(.)='read only']"))).click();
            wait.until(d -> d.findElement(By.cssSelector(".eddy-check-result")).getText()
                    .contains("Developers may now only read through limited-kafka."));
            assertThat(integrations.get("limited-kafka").developersReadOnly()).isTrue();
            assertThat(browser.findElement(By.id("developer-access-limited-kafka")).getText()).contains("read only");
            screenshot("integrations-read-only-for-developers");
        } finally {
            integrations.delete("limited-kafka");
        }
    }

    @Test
    void selectingKafkaShowsItsTopicsAndAPreviewOfMessages() throws Exception {
        open("/integrations");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> cells().contains("local-kafka"));
        browser.findElement(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='local-kafka']")).click();
        wait.until(d -> cells("eddy-topics").contains("orders"));
        // Other tests add topics to the same broker: the row of 'orders', wherever it sorts.
        browser.findElement(By.cssSelector("vaadin-grid.eddy-topics vaadin-button[data-topic='orders']")).click();
        wait.until(d -> cells("eddy-messages").contains("order_id"));
        screenshot("integrations-topic-preview");
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.eddy.observe.MetricsExport metricsExport;

    @Test
    void anAdminSendsEddysMetricsToThePlaygroundsPostgres() throws Exception {
        open("/integrations");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> cells().contains("sample-postgres"));
        browser.findElement(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='sample-postgres']")).click();
        WebElement send = wait.until(d -> d.findElement(By.cssSelector(".eddy-metrics-export vaadin-checkbox")));
        assertThat(send.getText()).isEqualTo("Send Eddy's metrics to this database");
        try {
            send.click();
            WebElement table = wait.until(d -> d.findElement(By.cssSelector(".eddy-metrics-export vaadin-text-field input")));
            wait.until(d -> "eddy_metrics".equals(table.getDomProperty("value")));
            browser.findElement(By.cssSelector(".eddy-metrics-export vaadin-button")).click();
            wait.until(d -> notificationShows("Eddy's metrics go to sample-postgres from now on"));
            wait.until(d -> d.findElement(By.cssSelector(".eddy-metrics-export .eddy-status")).getText()
                    .startsWith("Into eddy_metrics:"));
            screenshot("integrations-metrics-export");
        } finally {
            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
            try {
                metricsExport.disable("sample-postgres");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    @Test
    void anOpenSearchServiceIsAddedForLogsAndItsPageSaysWhyNothingIsShippedWhileItIsAway() throws Exception {
        int closed = dev.eddy.support.FreePorts.any();
        open("/integrations");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.cssSelector("vaadin-grid.eddy-integrations")));
        browser.findElement(By.xpath("//vaadin-button[contains(., 'Add OpenSearch')]")).click();
        WebElement dialog = wait.until(d -> d.findElement(By.cssSelector("vaadin-dialog-overlay")));
        assertThat(field("Index").getDomProperty("value")).isEqualTo("eddy-logs-{yyyy.MM.dd}");
        field("Name").sendKeys("team-logs");
        field("URL").sendKeys("http://127.0.0.1:" + closed);
        screenshot("integrations-opensearch-dialog");
        browser.findElement(By.xpath("//vaadin-button[normalize-space(.)='Save']")).click();
        WebElement anyway = wait.until(d -> d.findElement(By.xpath("//vaadin-button[starts-with(normalize-space(.), 'Save anyway')]")));
        assertThat(dialog.getText()).contains("Cannot reach OpenSearch: nothing listens at 127.0.0.1:" + closed);
        anyway.click();
        try {
            wait.until(d -> cells().contains("team-logs"));
            assertThat(cells()).contains("OpenSearch").contains("http://127.0.0.1:" + closed);
            browser.findElement(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='team-logs']")).click();
            wait.until(d -> d.findElement(By.cssSelector(".eddy-log-shipping")).isDisplayed());
            assertThat(browser.findElements(By.cssSelector("vaadin-grid.eddy-topics")).stream().noneMatch(WebElement::isDisplayed))
                    .as("no topics or tables for a logs service").isTrue();
            // Within 10 s Eddy ships there what it logs and fails: Refresh shows why, in words.
            wait.withMessage(() -> browser.findElement(By.cssSelector(".eddy-log-shipping")).getText()).until(d -> {
                org.slf4j.LoggerFactory.getLogger("dev.eddy.test.Browser").warn("A line for team-logs");
                d.findElement(By.xpath("//vaadin-button[normalize-space(.)='Refresh']")).click();
                return d.findElement(By.cssSelector(".eddy-log-shipping")).getText().contains("Not shipped now: Nothing listens at");
            });
            String panel = browser.findElement(By.cssSelector(".eddy-log-shipping")).getText();
            assertThat(panel).contains("INFO and up, into eddy-logs-{yyyy.MM.dd}").contains("waiting");
            screenshot("integrations-opensearch-shipping");
        } finally {
            integrations.delete("team-logs");
        }
    }

    private WebElement field(String label) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(
                By.xpath("//vaadin-text-field[./label[normalize-space(.)='" + label + "']]/input")));
    }

    private String cells() {
        return cells("eddy-integrations");
    }

    private String cells(String gridClass) {
        return browser.findElements(By.cssSelector("vaadin-grid." + gridClass + " vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
    }
}

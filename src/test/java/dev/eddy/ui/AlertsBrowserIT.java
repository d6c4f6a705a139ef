package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.integration.IntegrationDraft;
import dev.eddy.integration.IntegrationKind;
import dev.eddy.integration.IntegrationService;
import dev.eddy.integration.KafkaSettings;
import dev.eddy.job.JobGauges;
import dev.eddy.observe.alert.AlertService;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.FreePorts;
import dev.eddy.support.WebhookReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An admin adds a webhook channel and sends it a test, adds a rule that watches integrations, and
 * sees it fire on the Alerts page for an integration nobody answers at, as the webhook is told.
 */
@EddyIntegrationTest
class AlertsBrowserIT extends BrowserTest {
    @Autowired
    AlertService alerts;
    @Autowired
    IntegrationService integrations;
    @Autowired
    JobGauges gauges;

    @Test
    void anAdminAddsAChannelAndARuleAndSeesItFireForAnUnreachableIntegration() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String down = "down-" + suffix;
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            asAdmin(() -> integrations.save(new IntegrationDraft(down, IntegrationKind.KAFKA,
                    Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:" + FreePorts.any()), Map.of())));
            open("/alerts");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.cssSelector(".eddy-alert-summary")));
            screenshot("alerts-page");
            tab("Channels");
            wait.until(d -> d.findElement(By.cssSelector("vaadin-button.eddy-add-webhook"))).click();
            type(wait, "vaadin-text-field.eddy-channel-name input", "team hook " + suffix);
            type(wait, "vaadin-password-field.eddy-channel-secret input", webhook.url());
            screenshot("alerts-channel-dialog");
            browser.findElement(By.cssSelector("vaadin-button.eddy-save-channel")).click();
            wait.until(d -> visibleGridCells("eddy-alert-channels").contains("team hook " + suffix));
            assertThat(visibleGridCells("eddy-alert-channels")).doesNotContain("secret-token")
                    .contains("Webhook (Slack-compatible)");
            browser.findElements(By.cssSelector("vaadin-grid.eddy-alert-channels vaadin-button.eddy-send-test")).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
            wait.until(d -> webhook.bodies().size() == 1);
            assertThat(webhook.bodies().get(0)).contains("[TEST] A test message from Eddy");
            wait.until(d -> notificationShows("Test message sent to"));
            screenshot("alerts-channels");

            tab("Rules");
            wait.until(d -> d.findElement(By.cssSelector("vaadin-button.eddy-add-rule"))).click();
            type(wait, "vaadin-text-field.eddy-rule-name input", "Service down " + suffix);
            browser.findElement(By.cssSelector("vaadin-select.eddy-rule-condition")).click();
            wait.until(d -> d.findElement(By.xpath("//vaadin-select-item[normalize-space(.)='Integration unreachable']"))).click();
            WebElement channels = browser.findElement(By.cssSelector("vaadin-multi-select-combo-box.eddy-rule-channels input"));
            channels.click();
            channels.sendKeys("team hook " + suffix);
            wait.until(d -> d.findElements(By.cssSelector("vaadin-multi-select-combo-box-item")).stream()
                    .filter(i -> i.getText().equals("team hook " + suffix)).findFirst().orElse(null)).click();
            wait.until(d -> d.findElement(By.cssSelector(".eddy-rule-when")).getText()
                    .equals("Fires when nothing answers at the integration's address."));
            screenshot("alerts-rule-dialog");
            browser.findElement(By.cssSelector("vaadin-button.eddy-save-rule")).click();
            wait.until(d -> visibleGridCells("eddy-alert-rules").contains("Service down " + suffix));
            assertThat(visibleGridCells("eddy-alert-rules")).contains("every integration",
                    "Fires when nothing answers at the integration's address", "team hook " + suffix);

            tab("Firing and history");
            String history = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
                gauges.refresh();
                String cells = visibleGridCells("eddy-alert-history");
                return cells.contains("integration " + down) ? cells : null;
            });
            assertThat(history).contains("Firing", "Service down " + suffix, "critical",
                    down + ": nothing listens at 127.0.0.1:");
            wait.until(d -> d.findElement(By.cssSelector(".eddy-alert-summary")).getText().matches("\\d+ alerts? fires? now\\."));
            screenshot("alerts-firing");
            wait.until(d -> webhook.bodies().size() == 2);
            assertThat(webhook.bodies().get(1)).contains("[FIRING · critical] Service down " + suffix + " — integration " + down);
        } finally {
            asAdmin(() -> {
                alerts.rules().stream().filter(r -> r.name().endsWith(suffix)).forEach(r -> alerts.deleteRule(r.name()));
                alerts.channels().stream().filter(c -> c.name().endsWith(suffix)).forEach(c -> alerts.deleteChannel(c.name()));
                integrations.delete(down);
                return null;
            });
        }
    }

    private void tab(String label) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(
                By.xpath("//vaadin-tab[normalize-space(.)='" + label + "']"))).click();
    }

    private void type(WebDriverWait wait, String css, String text) {
        WebElement field = wait.until(d -> d.findElement(By.cssSelector(css)));
        field.click();
        field.sendKeys(text);
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var auth = new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN");
        auth.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

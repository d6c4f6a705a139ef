package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.gitops.SpecService;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** A table a spec manages is marked on the Tables page, with what that means for a change made there. */
@EddyIntegrationTest
class SpecBadgeBrowserIT extends BrowserTest {
    @Autowired
    SpecService specs;

    @Test
    void aTableFromASpecCarriesItsProjectOnTheTablesPage() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String project = "shop-" + id;
        String spec = """
                project: %s
                tables:
                  - name: git_orders_%s
                    integration: local-kafka
                    source: orders
                    format: json
                    columns:
                      - {name: order_id, type: BIGINT}
                """.formatted(project, id);
        assertThat(specs.apply(spec, Map.of()).failed()).isFalse();
        try {
            open("/tables");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> visibleGridCells("eddy-tables").contains("git_orders_" + id));
            WebElement badge = wait.until(d -> d.findElements(By.cssSelector(".eddy-spec-badge")).stream()
                    .filter(b -> b.isDisplayed() && b.getText().equals("spec: " + project)).findFirst().orElse(null));
            assertThat(badge.getAttribute("title")).contains("Managed from Git").contains("undone by the next eddy apply");
            screenshot("tables-spec-badge");
        } finally {
            specs.apply("project: " + project + "\n", Map.of());
        }
    }
}

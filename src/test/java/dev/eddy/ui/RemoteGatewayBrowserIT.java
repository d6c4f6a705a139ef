package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.WholeEddy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Eddy pointed at a Flink gateway that has not been given Eddy's catalog: the Tables page says so
 * before the user wonders why the tables listed cannot be queried there.
 */
class RemoteGatewayBrowserIT {
    static EmbeddedStack services;
    static ConfigurableApplicationContext eddy;

    @BeforeAll
    static void startServicesAndARemoteEddy() {
        // A gateway with the catalog's classes but none of Eddy's settings, as one set up half-way.
        services = WholeEddy.separateServices(Path.of("target/it-remote/" + UUID.randomUUID()));
        eddy = WholeEddy.remoteOn(services, "eddy.admin-password=" + EddyIntegrationTest.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stopAll() {
        if (eddy != null) {
            eddy.close();
        }
        services.close();
    }

    @Test
    void theTablesPageSaysTheGatewayLacksEddysCatalogAndWhatToDo() throws Exception {
        ChromeDriver browser = BrowserSupport.open();
        try {
            String console = "http://localhost:" + eddy.getEnvironment().getProperty("local.server.port");
            BrowserSupport.signIn(browser, console, "admin", EddyIntegrationTest.ADMIN_PASSWORD);
            browser.get(console + "/tables");
            WebElement warning = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(
                    By.cssSelector(".eddy-catalog-warning")).stream().findFirst().orElse(null));
            assertThat(warning.getText()).contains("Your Flink gateway has not opened Eddy's catalog")
                    .contains("EDDY_STORE_URL").contains("eddy-flink-catalog.jar");
            BrowserSupport.screenshot(browser, "tables-remote-gateway-without-catalog");
        } finally {
            browser.get("about:blank");
            browser.quit();
        }
    }
}

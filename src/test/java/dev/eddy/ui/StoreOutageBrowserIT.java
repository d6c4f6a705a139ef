package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.embedded.EmbeddedStack;
import dev.eddy.security.ApiTokenService;
import dev.eddy.security.Role;
import dev.eddy.support.AsAdmin;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.TcpProxy;
import dev.eddy.support.WholeEddy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Eddy's own store goes away (its connections dropped, new ones refused) and comes back: the
 * console shows one page that says so in words, the REST API answers 503 in words, and both
 * recover by themselves when the store answers again.
 */
@ExtendWith(AsAdmin.class)
class StoreOutageBrowserIT {
    static EmbeddedStack services;
    static TcpProxy store;
    static ConfigurableApplicationContext eddy;

    @BeforeAll
    static void startAnEddyWhoseStoreCanBeCut() throws Exception {
        services = WholeEddy.separateServices(Path.of("target/it-remote/" + UUID.randomUUID()));
        URI real = URI.create(services.postgresUrl("eddy").orElseThrow().substring("jdbc:".length()));
        store = new TcpProxy(real.getHost(), real.getPort());
        eddy = WholeEddy.remoteOn(services, "eddy.admin-password=" + EddyIntegrationTest.ADMIN_PASSWORD,
                "eddy.store.url=jdbc:postgresql://127.0.0.1:" + store.port() + real.getPath());
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (eddy != null) {
            eddy.close();
        }
        if (store != null) {
            store.close();
        }
        services.close();
    }

    @Test
    void whileTheStoreIsDownThePagesAndTheApiSaySoAndBothRecoverWhenItReturns() throws Exception {
        String console = "http://localhost:" + eddy.getEnvironment().getProperty("local.server.port");
        String token = eddy.getBean(ApiTokenService.class).create("store outage", Role.ADMIN, Duration.ofHours(1)).secret();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest jobs = HttpRequest.newBuilder(URI.create(console + "/api/v1/jobs"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        assertThat(http.send(jobs, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        ChromeDriver browser = BrowserSupport.open();
        try {
            BrowserSupport.signIn(browser, console, "admin", EddyIntegrationTest.ADMIN_PASSWORD);
            browser.get(console + "/jobs");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            wait.until(d -> d.findElements(By.cssSelector(".eddy-jobs, .eddy-empty")).size() > 0);

            store.cut();
            long cut = System.nanoTime();
            HttpResponse<String> refused = http.send(jobs, HttpResponse.BodyHandlers.ofString());
            System.out.printf("The REST API answered %d %.1f s after the store went away%n", refused.statusCode(),
                    (System.nanoTime() - cut) / 1e9);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("Eddy's store (PostgreSQL at 127.0.0.1:" + store.port()
                    + ") does not answer").doesNotContain("Exception").doesNotContain("password");

            browser.get(console + "/jobs");
            WebElement message = wait.until(d -> d.findElements(By.cssSelector(".eddy-store-down-message")).stream()
                    .findFirst().orElse(null));
            System.out.printf("The console said so %.1f s after the store went away%n", (System.nanoTime() - cut) / 1e9);
            assertThat(message.getText()).contains("does not answer").contains("Nothing saved is lost")
                    .contains("reconnects by itself");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Eddy cannot reach its store");
            BrowserSupport.screenshot(browser, "store-unavailable");

            store.restore();
            long back = System.nanoTime();
            wait.until(d -> d.getCurrentUrl().endsWith("/jobs")
                    && d.findElements(By.cssSelector(".eddy-jobs, .eddy-empty")).size() > 0);
            System.out.printf("The console was back %.1f s after the store returned%n", (System.nanoTime() - back) / 1e9);
            assertThat(http.send(jobs, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            browser.get("about:blank");
            browser.quit();
        }
    }
}

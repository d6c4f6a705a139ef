package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The REST API's browsable page, as someone about to script Eddy opens it: no sign-in, every resource listed. */
@EddyIntegrationTest
class ApiPageBrowserIT extends BrowserTest {

    @Override
    boolean startsSignedIn() {
        return false;
    }

    @Test
    void theApiPageListsEveryResourceAndHowToSignIn() throws Exception {
        open("/swagger-ui.html");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement title = wait.until(d -> d.findElements(By.cssSelector(".information-container .title")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(title.getText()).startsWith("Eddy REST API");
        wait.until(d -> d.findElements(By.cssSelector(".opblock-tag")).size() >= 7);
        assertThat(browser.findElements(By.cssSelector(".opblock-tag")).stream().map(WebElement::getText).toList())
                .anyMatch(t -> t.startsWith("Jobs")).anyMatch(t -> t.startsWith("Statements"))
                .anyMatch(t -> t.startsWith("Integrations"));
        assertThat(browser.findElement(By.cssSelector(".information-container")).getText()).contains("Authorization: Bearer eddy_");
        assertThat(browser.findElements(By.cssSelector("button.authorize"))).as("a place to paste a token").isNotEmpty();
        screenshot("api-page");
    }
}

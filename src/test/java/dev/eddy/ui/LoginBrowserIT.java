package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.EddyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The door: signing in and out, wrong passwords and lockout, and what each role sees. */
@EddyIntegrationTest
class LoginBrowserIT extends BrowserTest {
    @Autowired
    UserService users;
    @Autowired
    AuditLog audit;

    @Override
    boolean startsSignedIn() {
        return false;
    }

    @Test
    void everyPageSendsAStrangerToTheLoginPage() throws Exception {
        open("/jobs");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.getCurrentUrl().endsWith("/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-login-form")));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Eddy", "Flink SQL console");
        screenshot("login-page");
    }

    @Test
    void aWrongPasswordIsSaidAndFiveInARowLockTheUserForAWhile() throws Exception {
        users.add("lou", "lou's right password", Role.DEVELOPER);
        for (int i = 0; i < 5; i++) {
            signIn("lou", "a wrong password " + i);
            assertThat(loginError()).contains("Wrong user name or password");
        }
        signIn("lou", "lou's right password");
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(loginError()).contains("This user is locked for now", "ask an admin");
        screenshot("login-locked");
        users.resetPassword("lou", "lou's new password");
        signIn("lou", "lou's new password");
        assertThat(browser.getCurrentUrl()).doesNotContain("/login");
        assertThat(audit.search("lou", "Sign in", null, null, 20)).extracting(AuditEntry::outcome).containsExactly(
                AuditEntry.Outcome.OK, AuditEntry.Outcome.REFUSED, AuditEntry.Outcome.FAILED, AuditEntry.Outcome.FAILED,
                AuditEntry.Outcome.FAILED, AuditEntry.Outcome.FAILED, AuditEntry.Outcome.FAILED);
        assertThat(audit.search("", "Resetting passwords", null, null, 5)).anySatisfy(e -> {
            assertThat(e.username()).isEqualTo("admin");
            assertThat(e.target()).isEqualTo("lou");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void aViewerSeesTheSchemaButCannotRunStatementsOrManageUsers() throws Exception {
        users.add("vera", "vera's password", Role.VIEWER);
        signIn("vera", "vera's password");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement menu = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".eddy-user-menu")));
        assertThat(menu.getText()).contains("vera", "viewer");
        assertThat(browser.findElement(By.tagName("vaadin-side-nav")).getText()).contains("Schema", "Jobs")
                .doesNotContain("Users");
        WebElement runButton = browser.findElements(By.tagName("vaadin-button")).stream()
                .filter(b -> b.getText().startsWith("Run")).findFirst().orElseThrow();
        assertThat(runButton.getAttribute("disabled")).as("viewers see Run disabled").isEqualTo("true");
        WebElement editor = wait.until(d -> Editors.visible(d));
        Editors.setScript(browser, editor, "SELECT 1");
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Running statements needs the developer role"));
        screenshot("viewer-run-refused");
        open("/integrations");
        wait.until(d -> visibleGridCells("eddy-integrations").contains("local-kafka"));
        assertThat(browser.findElements(By.xpath("//vaadin-button[contains(., 'Add Kafka')]")).stream()
                .filter(WebElement::isDisplayed).toList()).as("viewers see no button that would be refused").isEmpty();
        open("/users");
        wait.until(d -> !d.findElements(By.cssSelector("vaadin-grid.eddy-users")).isEmpty()
                || d.findElement(By.tagName("body")).getText().contains("Could not navigate"));
        assertThat(browser.findElements(By.cssSelector("vaadin-grid.eddy-users"))).isEmpty();
    }

    @Test
    void anAdminAddsADeveloperWhoThenSignsInAndOut() throws Exception {
        signIn("admin", EddyIntegrationTest.ADMIN_PASSWORD);
        open("/users");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-grid.eddy-users")));
        browser.findElements(By.tagName("vaadin-button")).stream().filter(b -> b.getText().startsWith("Add user"))
                .findFirst().orElseThrow().click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("vaadin-dialog-overlay")));
        dialog.findElement(By.cssSelector("vaadin-text-field input")).sendKeys("devi");
        dialog.findElement(By.cssSelector("vaadin-password-field input")).sendKeys("devi's first password");
        screenshot("users-add-dialog");
        dialog.findElements(By.tagName("vaadin-button")).stream().filter(b -> b.getText().startsWith("Add user"))
                .findFirst().orElseThrow().click();
        wait.until(d -> visibleGridCells("eddy-users").contains("devi"));
        screenshot("users-page");
        assertThat(users.list()).filteredOn(u -> u.username().equals("devi")).singleElement()
                .extracting(dev.eddy.security.EddyUser::role).isEqualTo(Role.DEVELOPER);

        open("/audit");
        wait.until(d -> visibleGridCells("eddy-audit").contains("Adding users"));
        assertThat(visibleGridCells("eddy-audit")).contains("devi", "admin");
        screenshot("audit-page");

        browser.findElement(By.cssSelector(".eddy-user-menu vaadin-menu-bar-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-menu-bar-item[contains(., 'Sign out')]")))
                .click();
        wait.until(d -> d.getCurrentUrl().contains("/login"));
        signIn("devi", "devi's first password");
        WebElement menu = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".eddy-user-menu")));
        assertThat(menu.getText()).contains("devi", "developer");

        // Her own API token for Flink's SQL Client: shown once, with the command line to paste.
        browser.findElement(By.cssSelector(".eddy-user-menu vaadin-menu-bar-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-menu-bar-item[contains(., 'API tokens')]")))
                .click();
        WebElement tokens = wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("vaadin-dialog-overlay")));
        tokens.findElement(By.cssSelector("vaadin-text-field input")).sendKeys("sql-client on my laptop");
        tokens.findElements(By.tagName("vaadin-button")).stream().filter(b -> b.getText().equals("Create token"))
                .findFirst().orElseThrow().click();
        WebElement secret = wait.until(d -> d.findElement(By.cssSelector(".eddy-token-value input")));
        assertThat(secret.getDomProperty("value")).startsWith("eddy_");
        assertThat(tokens.getText()).contains("FLINK_REST_CLIENT_HEADERS='Authorization:Bearer eddy_")
                .contains("/sql-gateway").contains("sql-client on my laptop", "developer", "never");
        screenshot("api-tokens-created");
    }

    private String loginError() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        return wait.until(d -> {
            Object text = browser.executeScript("const f = document.querySelector('vaadin-login-form');"
                    + "if (!f || !f.error) return null;"
                    + "return f.i18n.errorMessage.title + ' / ' + f.i18n.errorMessage.message;");
            return text == null ? null : text.toString();
        });
    }
}

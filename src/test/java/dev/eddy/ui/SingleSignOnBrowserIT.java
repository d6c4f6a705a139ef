package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.security.AuditEntry;
import dev.eddy.security.AuditLog;
import dev.eddy.security.EddyUser;
import dev.eddy.security.Role;
import dev.eddy.security.UserService;
import dev.eddy.support.FreePorts;
import dev.eddy.support.SeparateProcess;
import dev.eddy.support.WholeEddy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import oidcprovider.OidcProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on end to end: a real OpenID Connect provider (Spring Authorization Server, its own
 * process), a whole Eddy configured for it, and a real browser going through the provider's login.
 */
class SingleSignOnBrowserIT {
    private static final Path WORK = Path.of("target/it-sso/" + UUID.randomUUID());

    @Test
    void aProvidersUserSignsInWithTheRoleTheirGroupsGiveAndOneWithoutARoleIsToldWhy() throws Exception {
        int providerPort = FreePorts.any();
        int eddyPort = FreePorts.any();
        String eddyUrl = "http://localhost:" + eddyPort;
        Process provider = startProvider(providerPort, eddyUrl + "/login/oauth2/code/test-idp");
        String registration = "spring.security.oauth2.client.registration.test-idp.";
        try (ConfigurableApplicationContext eddy = WholeEddy.embedded(WORK.resolve("eddy"), "server.port=" + eddyPort,
                "eddy.admin-password=sso-admin-password",
                registration + "client-id=" + OidcProvider.CLIENT_ID,
                registration + "client-secret=" + OidcProvider.CLIENT_SECRET,
                registration + "scope=openid,profile",
                registration + "client-name=Test IdP",
                "spring.security.oauth2.client.provider.test-idp.issuer-uri=http://127.0.0.1:" + providerPort)) {
            ChromeDriver browser = BrowserSupport.open();
            try {
                browser.get(eddyUrl + "/login");
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                WebElement sso = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.eddy-sso")));
                assertThat(sso.getText()).isEqualTo("Sign in with Test IdP");
                BrowserSupport.screenshot(browser, "sso-login-page");
                sso.click();
                signInAtTheProvider(browser, "olga", "olga-password");
                WebElement menu = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".eddy-user-menu")));
                assertThat(menu.getText()).contains("olga", "developer");
                BrowserSupport.screenshot(browser, "sso-signed-in");
            } finally {
                browser.get("about:blank");
                browser.quit();
            }

            SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("admin", "n/a", "ROLE_ADMIN"));
            UserService users = eddy.getBean(UserService.class);
            assertThat(users.list()).filteredOn(u -> u.username().equals("olga")).singleElement()
                    .extracting(EddyUser::role).as("kept in Eddy's store, with the role of her groups")
                    .isEqualTo(Role.DEVELOPER);
            List<AuditEntry> signIns = eddy.getBean(AuditLog.class).search("olga", "Sign in", null, null, 10);
            assertThat(signIns).extracting(AuditEntry::outcome).contains(AuditEntry.Outcome.OK);

            ChromeDriver second = BrowserSupport.open();
            try {
                second.get(eddyUrl + "/login");
                WebDriverWait wait = new WebDriverWait(second, Duration.ofSeconds(60));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("a.eddy-sso"))).click();
                signInAtTheProvider(second, "nina", "nina-password");
                wait.until(d -> d.getCurrentUrl().contains("/login?error"));
                String said = wait.until(d -> {
                    Object text = second.executeScript("const f = document.querySelector('vaadin-login-form');"
                            + "return f && f.error ? f.i18n.errorMessage.title + ' / ' + f.i18n.errorMessage.message : null;");
                    return text == null ? null : text.toString();
                });
                assertThat(said).startsWith("Single sign-on did not let you in")
                        .contains("none of your groups gives you a role in Eddy").contains("eddy-developers");
                BrowserSupport.screenshot(second, "sso-refused");
            } finally {
                second.get("about:blank");
                second.quit();
            }
            assertThat(users.list()).extracting(EddyUser::username).doesNotContain("nina");
            assertThat(eddy.getBean(AuditLog.class).search("nina", "Single sign-on", null, null, 10))
                    .extracting(AuditEntry::outcome).containsExactly(AuditEntry.Outcome.REFUSED);
        } finally {
            SecurityContextHolder.clearContext();
            provider.destroy();
        }
    }

    /** The provider's own login form (Spring Security's default page). */
    private static void signInAtTheProvider(ChromeDriver browser, String user, String password) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static Process startProvider(int port, String redirectUri) throws Exception {
        Files.createDirectories(WORK);
        Path log = WORK.resolve("provider.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), OidcProvider.class.getName(),
                String.valueOf(port), redirectUri).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SeparateProcess.awaitHttp(process, "the OpenID Connect provider",
                "http://127.0.0.1:" + port + "/.well-known/openid-configuration", Duration.ofSeconds(90), log);
        return process;
    }
}

package dev.eddy.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.function.FunctionLibraries;
import dev.eddy.support.EddyIntegrationTest;
import dev.eddy.support.UdfJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Functions page in a real browser: an admin uploads a JAR, sees its functions, registers one under a
 * name, uploads a new version and sees what changed and the registration moved.
 */
@EddyIntegrationTest
class FunctionsBrowserIT extends BrowserTest {
    @Autowired
    FunctionLibraries libraries;
    @Autowired
    dev.eddy.function.RegisteredFunctions functions;

    @Test
    void anAdminUploadsAJarRegistersAFunctionAndThenSeesWhatANewVersionChanged() throws Exception {
        Path dir = Files.createTempDirectory("eddy-udf-upload");
        Path v1 = Files.write(dir.resolve("page-strings-1.0.jar"), UdfJar.version1());
        Path v2 = Files.write(dir.resolve("page-strings-2.0.jar"), UdfJar.version2());
        open("/functions");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement name = wait.withMessage(() -> "the upload form; the page says: " + pageText())
                .until(d -> d.findElement(By.cssSelector("vaadin-text-field.eddy-library-name input")));
        try {
            // No name typed: the library is named after the file, without its version.
            fileInput().sendKeys(v1.toString());
            wait.withMessage(() -> "the upload's result; the page says: " + pageText()).until(d -> d.findElement(By.cssSelector(".eddy-upload-result")).getText()
                    .equals("page-strings v1 uploaded: 4 functions"));
            wait.until(d -> cells("eddy-library-functions").contains("dev.eddy.udf.Shout"));
            assertThat(cells("eddy-library-functions")).contains("scalar").contains("(STRING) → STRING")
                    .contains("aggregate").contains("(STRING) → INT").contains("table").contains("Register…")
                    .doesNotContain("dev.eddy.udf.Texts").doesNotContain("BaseFunction");
            assertThat(cells("eddy-libraries")).contains("page-strings").contains("v1").contains("page-strings-1.0.jar");
            assertThat(name.getDomProperty("value")).isEqualTo("page-strings");
            screenshot("functions-uploaded");

            // Register Shout (the third function, by class name) under a name of the admin's choosing.
            clickInView(registerButtons().get(2));
            WebElement fnName = wait.until(d -> d.findElement(By.cssSelector("vaadin-text-field.eddy-function-name input")));
            assertThat(fnName.getDomProperty("value")).isEqualTo("shout");
            fnName.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "page_shout");
            screenshot("functions-register-dialog");
            browser.findElement(By.cssSelector("vaadin-button.eddy-register-confirm")).click();
            wait.withMessage(() -> "the registered function; the page says: " + pageText())
                    .until(d -> cells("eddy-registered-functions").contains("page_shout"));
            assertThat(cells("eddy-registered-functions")).contains("(STRING) → STRING").contains("page-strings v1");
            wait.until(d -> cells("eddy-library-functions").contains("page_shout"));
            screenshot("functions-registered");
            browser.executeScript("document.querySelector('.eddy-registered-functions').scrollIntoView({block: 'center'})");
            screenshot("functions-registered-list");

            // A name Flink's own functions take is refused in the dialog, which stays open.
            clickInView(registerButtons().get(1));
            WebElement ratioName = wait.until(d -> d.findElement(By.cssSelector("vaadin-text-field.eddy-function-name input")));
            ratioName.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "upper");
            browser.findElement(By.cssSelector("vaadin-button.eddy-register-confirm")).click();
            wait.until(d -> d.findElement(By.cssSelector(".eddy-register-error")).getText()
                    .startsWith("UPPER is one of Flink's own functions"));
            screenshot("functions-register-refused");
            browser.findElement(By.cssSelector("vaadin-dialog-overlay vaadin-button:not(.eddy-register-confirm)")).click();
            wait.until(d -> d.findElements(By.cssSelector("vaadin-text-field.eddy-function-name")).isEmpty());

            fileInput().sendKeys(v2.toString());
            wait.until(d -> d.findElement(By.cssSelector(".eddy-upload-result")).getText()
                    .equals("page-strings v2 uploaded: 4 functions (1 changed)"));
            wait.until(d -> cells("eddy-library-versions").contains("1 changed"));
            assertThat(cells("eddy-library-functions")).contains("(STRING, INT) → STRING");
            // The registered function moved to version 2, which still has its class.
            wait.until(d -> cells("eddy-registered-functions").contains("page-strings v2"));
            assertThat(cells("eddy-registered-functions")).contains("(STRING, INT) → STRING");
            screenshot("functions-new-version");

            // A file that is not a JAR is refused in words, and nothing is kept.
            Path notes = Files.writeString(dir.resolve("notes.jar"), "not a jar");
            fileInput().sendKeys(notes.toString());
            wait.until(d -> d.findElement(By.cssSelector(".eddy-upload-result")).getText()
                    .startsWith("That file is not a JAR"));
            screenshot("functions-refused");
            assertThat(libraries.versions("page-strings")).hasSize(2);
        } finally {
            if (functions.list().stream().anyMatch(f -> f.name().equals("page_shout"))) {
                functions.drop("page_shout");
            }
            if (libraries.list().stream().anyMatch(l -> l.library().equals("page-strings"))) {
                libraries.delete("page-strings");
            }
        }
    }

    /** Scrolled to the middle of the window first: the page is longer than the window. */
    private void clickInView(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private java.util.List<WebElement> registerButtons() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            var buttons = d.findElements(By.cssSelector("vaadin-button.eddy-register-function-button"));
            return buttons.size() >= 3 ? buttons : null;
        });
    }

    /** The upload's file input, inside its shadow root, where a person's file chooser puts the file. */
    private WebElement fileInput() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement upload = d.findElement(By.cssSelector("vaadin-upload.eddy-library-upload"));
            var inLight = upload.findElements(By.cssSelector("input[type=file]"));
            return inLight.isEmpty() ? upload.getShadowRoot().findElement(By.cssSelector("input[type=file]")) : inLight.get(0);
        });
    }

    private String pageText() {
        try {
            screenshot("functions-upload-waited");
        } catch (Exception e) {
            // the text still tells
        }
        return String.valueOf(browser.executeScript("return (document.querySelector('.eddy-functions') || document.body).innerText"));
    }

    private String cells(String gridClass) {
        return browser.findElements(By.cssSelector("vaadin-grid." + gridClass + " vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + "|" + b);
    }
}

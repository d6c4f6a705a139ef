package dev.eddy.ui;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Drives the CodeMirror SQL editor in browser tests. */
final class Editors {
    private Editors() {}

    /** The editable area of the editor on screen (the visible script tab). */
    static WebElement visible(WebDriver browser) {
        return browser.findElements(By.cssSelector("eddy-sql-editor .cm-content")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    /** Replaces the script and puts the cursor at its end, as if it had been typed. */
    static void setScript(WebDriver browser, WebElement content, String sql) {
        ((JavascriptExecutor) browser).executeScript("const ed = arguments[0].closest('eddy-sql-editor');"
                + "ed.value = arguments[1]; ed.select(arguments[1].length, arguments[1].length); ed.focus();",
                content, sql);
    }

    /** The script of the visible editor, as the browser holds it. */
    static String script(WebDriver browser) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const ed = Array.from(document.querySelectorAll('eddy-sql-editor')).find(e => e.offsetParent !== null);"
                        + "return ed ? ed.value : '';");
        return text == null ? "" : text.toString();
    }
}

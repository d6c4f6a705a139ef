package dev.eddy.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.eddy.sql.ScriptStore;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real headless Chromium per test against the running console. */
abstract class BrowserTest {
    @LocalServerPort
    int port;
    @Autowired
    ScriptStore scripts;
    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        // Scripts are kept across visits: each test starts from the example, as a first visit does.
        scripts.deleteAll();
        browser = BrowserSupport.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    void screenshot(String name) throws Exception {
        BrowserSupport.screenshot(browser, name);
    }
}

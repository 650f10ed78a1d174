package io.tempo.tokener.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.tokener.browser.BrowserHost;
import io.tempo.tokener.support.FakeWebPlayerResource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Opens the Swagger UI in Chromium, as a person would, and keeps a screenshot in target/. */
@QuarkusTest
@WithTestResource(FakeWebPlayerResource.class)
class SwaggerUiTest {

    @TestHTTPResource("/swagger")
    URL swagger;

    @Test
    void swaggerUiOpensInChromiumAndShowsTheApi() throws Exception {
        Path screenshot = Path.of("target", "swagger-ui.png");
        Files.deleteIfExists(screenshot);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(BrowserHost.PLAYWRIGHT_ENV));
                Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Path.of("/usr/bin/chromium"))
                        .setHeadless(true)
                        .setArgs(BrowserHost.CHROMIUM_ARGS))) {
            Page page = browser.newPage();
            page.navigate(swagger.toString());
            page.getByText("Tempo Tokener API").first().waitFor();
            page.getByText("/api/token/status").first().waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));

            assertThat(page.content()).contains("Tempo Tokener API", "/api/token/refresh");
        }
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }
}

package io.tempo.tokener.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.WaitUntilState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * One token fetch: a fresh, cookie-less browser context (plus the caller's {@code sp_dc}, if any) loads the web
 * player, and the first good JSON answer to the page's own {@code /api/token} request is the token.
 *
 * <p>The token is read from the network, not from the page: the token request is routed through Playwright,
 * which makes it, reads the answer itself and then hands it to the page ({@code route.fetch} and
 * {@code route.fulfill}). So a token is in hand whatever the page's script does with the response (even if it
 * never reads it), and the page is let go the moment it is. The page may ask twice ({@code reason=init}, then
 * {@code reason=transport}); error answers do not count, the fetch keeps waiting for a good one.
 */
@ApplicationScoped
public class WebPlayerTokenFetcher {

    private static final Logger LOG = Logger.getLogger(WebPlayerTokenFetcher.class);
    private static final String TOKEN_PATH = "/api/token";
    private static final String SPOTIFY_DOMAIN = "spotify.com";

    private final BrowserHost host;
    private final URI webPlayerUrl;
    private final RequestFilter requestFilter;
    private final TokenResponseParser parser;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Counter failures;

    WebPlayerTokenFetcher(BrowserHost host, TokenerConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.host = host;
        this.webPlayerUrl = config.webPlayerUrl();
        this.requestFilter = new RequestFilter(config.fetch().blockedResourceTypes(), config.fetch().blockedHosts());
        this.parser = new TokenResponseParser(mapper);
        this.successTimer = fetchTimer(registry, "success");
        this.failureTimer = fetchTimer(registry, "failure");
        this.failures = Counter.builder("tokener.fetch.failures")
                .description("Browser fetches that yielded no token").register(registry);
    }

    /**
     * Loads the web player once and returns the token its page fetched.
     *
     * @param spDc the account cookie, or null for an anonymous token
     * @param label how logs name the token (never the cookie itself)
     * @param timeoutMs how long this attempt may take, page load and token included
     * @param abandoned true once nobody wants the result: the attempt then ends (or never starts)
     */
    public CompletableFuture<WebPlayerToken> fetch(String spDc, String label, long timeoutMs, BooleanSupplier abandoned) {
        return host.withPage(timeoutMs, abandoned, page -> fetchWith(page, spDc, label, timeoutMs, abandoned));
    }

    private WebPlayerToken fetchWith(Page page, String spDc, String label, long timeoutMs, BooleanSupplier abandoned) {
        long started = System.nanoTime();
        try {
            WebPlayerToken token = loadPageForToken(page, spDc, timeoutMs, abandoned);
            long tookNanos = System.nanoTime() - started;
            successTimer.record(tookNanos, TimeUnit.NANOSECONDS);
            LOG.infof("Token fetch (%s) took %d ms; the token expires at %d",
                    label, TimeUnit.NANOSECONDS.toMillis(tookNanos), token.expiresAtMs());
            return token;
        } catch (RuntimeException e) {
            failureTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            failures.increment();
            TokenFetchException failure = e instanceof TokenFetchException known
                    ? known : new TokenFetchException(SafeMessages.of(e), e);
            LOG.warnf("Token fetch (%s) failed after %d ms: %s", label, elapsedMs(started), failure.getMessage());
            throw failure;
        }
    }

    private WebPlayerToken loadPageForToken(Page page, String spDc, long timeoutMs, BooleanSupplier abandoned) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        TokenCapture capture = new TokenCapture(parser, spDc == null);
        page.context().route(url -> true, route -> route(route, capture, deadline));
        if (spDc != null) {
            page.context().addCookies(spDcCookies(spDc));
        }
        try {
            page.navigate(webPlayerUrl.toString(), new Page.NavigateOptions()
                    .setWaitUntil(WaitUntilState.COMMIT)
                    .setTimeout(Math.max(1, remainingMs(deadline))));
        } catch (TimeoutError e) {
            if (!capture.done()) {
                throw new TokenFetchException("The web player did not load within " + timeoutMs + " ms");
            }
        }
        if (!capture.done() && !abandoned.getAsBoolean() && remainingMs(deadline) > 0) {
            try {
                page.waitForCondition(() -> capture.done() || abandoned.getAsBoolean(),
                        new Page.WaitForConditionOptions().setTimeout(Math.max(1, remainingMs(deadline))));
            } catch (TimeoutError e) {
                // Reported below with what the page did get.
            }
        }
        if (capture.done()) {
            return capture.token();
        }
        if (abandoned.getAsBoolean()) {
            throw new TokenFetchException("Given up by the refresh's overall timeout");
        }
        throw new TokenFetchException(capture.failure(timeoutMs));
    }

    /**
     * Every request of the page passes here. Runs inside Playwright's event dispatch: it must not throw, or the
     * waiting call fails with it.
     */
    private void route(Route route, TokenCapture capture, long deadline) {
        try {
            String url = route.request().url();
            if (isTokenPath(url) && !capture.done()) {
                APIResponse response = route.fetch(new Route.FetchOptions()
                        .setTimeout(Math.max(1, remainingMs(deadline))));
                capture.offer(response.status(), response.text());
                route.fulfill(new Route.FulfillOptions().setResponse(response));
            } else if (requestFilter.blocks(route.request().resourceType(), url)) {
                route.abort();
            } else {
                route.resume();
            }
        } catch (PlaywrightException e) {
            LOG.debugf("A request ended while being routed: %s", SafeMessages.of(e));
        }
    }

    /**
     * The account cookie goes to Spotify's domain, and to the configured page's host when that is not
     * Spotify's (a proxy or a stand-in page), so the page's own token request carries it either way.
     */
    private List<Cookie> spDcCookies(String spDc) {
        List<Cookie> cookies = new ArrayList<>();
        cookies.add(new Cookie("sp_dc", spDc).setDomain("." + SPOTIFY_DOMAIN).setPath("/")
                .setSecure(true).setHttpOnly(true).setSameSite(SameSiteAttribute.LAX));
        String host = webPlayerUrl.getHost();
        if (host != null && !host.equals(SPOTIFY_DOMAIN) && !host.endsWith("." + SPOTIFY_DOMAIN)) {
            cookies.add(new Cookie("sp_dc", spDc).setUrl(webPlayerUrl.toString()).setHttpOnly(true));
        }
        return cookies;
    }

    private static boolean isTokenPath(String url) {
        try {
            return TOKEN_PATH.equals(URI.create(url).getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long remainingMs(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static Timer fetchTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("tokener.fetch.duration")
                .description("Time one browser fetch took, from a fresh context to the token")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}

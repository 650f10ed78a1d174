package io.tempo.tokener.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitUntilState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tempo.tokener.config.TokenerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One token fetch: a fresh, cookie-less browser context (plus the caller's {@code sp_dc}, if any) loads
 * the web player, and the first good JSON response the page gets from {@code /api/token} is the token.
 * The page may ask twice ({@code reason=init}, then {@code reason=transport}); error answers do not count,
 * the fetch keeps waiting for a good one until its timeout.
 */
@ApplicationScoped
public class WebPlayerTokenFetcher {

    private static final Logger LOG = Logger.getLogger(WebPlayerTokenFetcher.class);
    private static final String TOKEN_PATH = "/api/token";
    private static final String SPOTIFY_DOMAIN = "spotify.com";

    private final BrowserHost host;
    private final URI webPlayerUrl;
    private final TokenerConfig.Fetch config;
    private final RequestFilter requestFilter;
    private final TokenResponseParser parser;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Counter failures;

    WebPlayerTokenFetcher(BrowserHost host, TokenerConfig config, ObjectMapper mapper, MeterRegistry registry) {
        this.host = host;
        this.webPlayerUrl = config.webPlayerUrl();
        this.config = config.fetch();
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
     */
    public CompletableFuture<WebPlayerToken> fetch(String spDc, String label) {
        return host.withBrowser(browser -> fetchWith(browser, spDc, label));
    }

    private WebPlayerToken fetchWith(Browser browser, String spDc, String label) {
        long started = System.nanoTime();
        try {
            WebPlayerToken token = loadPageForToken(browser, spDc);
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

    private WebPlayerToken loadPageForToken(Browser browser, String spDc) {
        long timeoutMs = config.timeout().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setUserAgent(userAgent(browser))
                .setLocale("en-US")
                // Service workers would answer requests where neither the route nor the listener sees them.
                .setServiceWorkers(ServiceWorkerPolicy.BLOCK));
        try {
            context.route(url -> true, this::filter);
            if (spDc != null) {
                context.addCookies(spDcCookies(spDc));
            }
            // Bodies are read only once a request has finished: before that, reading one can block
            // until the context closes. Error statuses are noted for the failure message.
            List<Request> finished = new ArrayList<>();
            List<Integer> errorStatuses = new ArrayList<>();
            context.onRequestFinished(request -> {
                if (isTokenPath(request.url())) {
                    finished.add(request);
                }
            });
            context.onResponse(response -> {
                if (isTokenPath(response.url()) && !response.ok()) {
                    errorStatuses.add(response.status());
                }
            });
            Page page = context.newPage();
            try {
                page.navigate(webPlayerUrl.toString(), new Page.NavigateOptions()
                        .setWaitUntil(WaitUntilState.COMMIT)
                        .setTimeout(Math.max(1, remainingMs(deadline))));
            } catch (TimeoutError e) {
                throw new TokenFetchException("The web player did not load within " + timeoutMs + " ms");
            }
            int examined = 0;
            int unusable = 0;
            do {
                while (examined < finished.size()) {
                    Optional<WebPlayerToken> token = read(finished.get(examined++), spDc == null);
                    if (token.isPresent()) {
                        return token.get();
                    }
                    unusable++;
                }
            } while (waitForAnother(page, finished, examined, deadline));
            throw new TokenFetchException(noTokenMessage(timeoutMs, errorStatuses, unusable));
        } finally {
            try {
                context.close();
            } catch (PlaywrightException e) {
                LOG.debugf("Closing a browser context: %s", SafeMessages.of(e));
            }
        }
    }

    /** Lets Playwright deliver events until another token request finishes; false once the deadline passes. */
    private static boolean waitForAnother(Page page, List<Request> finished, int seen, long deadline) {
        long remainingMs = remainingMs(deadline);
        if (remainingMs <= 0) {
            return false;
        }
        try {
            page.waitForCondition(() -> finished.size() > seen,
                    new Page.WaitForConditionOptions().setTimeout(remainingMs));
            return true;
        } catch (TimeoutError e) {
            return false;
        }
    }

    private static long remainingMs(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    /** A good answer is a 2xx JSON token; error statuses and {@code {"error":…}} bodies are not. */
    private Optional<WebPlayerToken> read(Request request, boolean anonymous) {
        try {
            Response response = request.response();
            if (response == null || !response.ok()) {
                return Optional.empty();
            }
            return parser.parse(response.text(), anonymous);
        } catch (PlaywrightException e) {
            return Optional.empty();
        }
    }

    /** Runs inside Playwright's event dispatch: it must not throw, or the waiting call fails with it. */
    private void filter(Route route) {
        try {
            if (requestFilter.blocks(route.request().resourceType(), route.request().url())) {
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

    /** Headless Chromium says "HeadlessChrome" in its user agent, which sites treat as a bot. */
    private static String userAgent(Browser browser) {
        String major = browser.version().split("\\.")[0];
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major
                + ".0.0.0 Safari/537.36";
    }

    private static boolean isTokenPath(String url) {
        try {
            return TOKEN_PATH.equals(URI.create(url).getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String noTokenMessage(long timeoutMs, List<Integer> errorStatuses, int unusable) {
        if (errorStatuses.isEmpty() && unusable == 0) {
            return "The web player did not get a token response within " + timeoutMs + " ms";
        }
        return "No usable token response within " + timeoutMs + " ms (" + unusable + " unusable, error statuses "
                + errorStatuses + ")";
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

package io.tempo.tokener.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every setting of the tokener service. Each key can also be set as an environment variable in the
 * usual way ({@code tokener.fetch.timeout} is {@code TOKENER_FETCH_TIMEOUT}); the two keys users know
 * from the Bun tokener also read {@code SPOTIFY_WEB_PLAYER_URL} and {@code CHROMIUM_PATH}.
 */
@ConfigMapping(prefix = "tokener")
public interface TokenerConfig {

    /**
     * The page whose own {@code /api/token} request yields the token ({@code SPOTIFY_WEB_PLAYER_URL}).
     * An {@code sp_dc} cookie is also set for this page's host, so a stand-in page gets it as well. Default
     * {@code https://open.spotify.com/}, set with the alias in {@code application.properties}, where the deploy
     * checks read which variables the service takes.
     */
    URI webPlayerUrl();

    /** How long a caller of {@code /api/token} may be kept waiting. */
    Request request();

    /** The warm headless Chromium. */
    Browser browser();

    /** One token fetch: a fresh browser context that loads the web player. */
    Fetch fetch();

    /** When cached tokens are served, refreshed and dropped. */
    Cache cache();

    interface Request {

        /**
         * The longest a {@code /api/token} call waits for a fetch in flight when no servable token is cached;
         * then it gets the error envelope while the fetch goes on, and its token is cached for the next
         * caller. LavaSrc gives up after 3 s (connect and read) and never retries, so this stays well below.
         */
        @WithDefault("2s")
        Duration maxWait();
    }

    interface Browser {

        /**
         * The Chromium executable ({@code CHROMIUM_PATH}). Playwright never downloads a browser: this
         * one, usually Debian's, is the only one used. Default {@code /usr/bin/chromium}, set with the alias in
         * {@code application.properties}.
         */
        String executablePath();

        /** How long Chromium may take to start before the launch counts as failed. */
        @WithDefault("30s")
        Duration launchTimeout();

        /** Wait before launching again after a crash or a failed launch. */
        @WithDefault("5s")
        Duration relaunchDelay();

        /**
         * The longest one Playwright call without a timeout of its own (a new context or page, a close) may
         * take. A call past it, or one still waiting a moment after Chromium died, is ended by restarting
         * Playwright's driver, so a dead browser never holds the browser thread.
         */
        @WithDefault("5s")
        Duration callTimeout();

        /**
         * Keep a fresh context with its page open for the next fetch, so a fetch starts with the navigation
         * rather than with starting a renderer (about 100 ms less per fetch). Off by default: the idle renderer
         * costs about 120 MB, and with tokens renewed ahead of expiry no caller waits for a fetch anyway.
         */
        @WithDefault("false")
        boolean sparePage();

        /**
         * Where Playwright's driver is kept unpacked between starts (it is about 140 MB, and unpacking it anew at
         * every start costs most of a second). Set {@code PLAYWRIGHT_DRIVER_DIR} instead to use one of your own.
         */
        @WithDefault("${java.io.tmpdir}/tempo-tokener")
        String driverDir();
    }

    interface Fetch {

        /** One attempt: loading the page plus waiting for its first good token response. */
        @WithDefault("15s")
        Duration timeout();

        /** Attempts per refresh before it fails. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second attempt; it doubles for each further attempt. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("4s")
        Duration maxBackoff();

        /**
         * A whole refresh, all attempts and waits included, fails after this long. The attempt running then is
         * ended too, so a given-up refresh never holds the browser thread from the next one.
         */
        @WithDefault("60s")
        Duration overallTimeout();

        /** Resource types the page may not load: they cost time and never carry the token. */
        @WithDefault("image,font,media")
        Set<String> blockedResourceTypes();

        /** Hosts (and their subdomains) the page may not reach: analytics and ads. */
        @WithDefault("www.google-analytics.com,analytics.google.com,www.googletagmanager.com,"
                + "googletagmanager.com,stats.g.doubleclick.net,connect.facebook.net,"
                + "analytics.tiktok.com,bat.bing.com,sb.scorecardresearch.com,ingest.sentry.io,"
                + "pixel.spotify.com,pixel-static.spotify.com")
        List<String> blockedHosts();
    }

    interface Cache {

        /** A cached token is served only while it has more than this left. */
        @WithDefault("5m")
        Duration minValidity();

        /** Within this much of its expiry a token is refreshed in the background while still served. */
        @WithDefault("10m")
        Duration refreshAhead();

        /**
         * The fewest time between two fetches that a {@code force} or a background refresh may cause
         * (per token): a burst of forced calls makes one fetch, the others get the newest token.
         * Fetches needed because no servable token exists are never held back.
         */
        @WithDefault("30s")
        Duration minFetchInterval();

        /** When a refresh fails, a cached token with more than this left is still served. */
        @WithDefault("10s")
        Duration fallbackMinValidity();

        /** How many {@code sp_dc} account tokens are kept; the least recently used is dropped. */
        @WithDefault("100")
        int maxAccountTokens();

        /** How often the scheduler looks for tokens due for a refresh: a duration like 5m, or off. */
        @WithDefault("5m")
        String checkInterval();

        /**
         * While no anonymous token is cached (Spotify was unreachable at start-up, say), how often to try again
         * without waiting for a caller: readiness stays down until one is, so no caller would come. A duration,
         * or off.
         */
        @WithDefault("30s")
        String warmUpRetryInterval();
    }
}

package io.tempo.sync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the sync service reads from its configuration. The environment variables of the README's
 * configuration table ({@code CRON_SECRET}, {@code SPOTIFY_CLIENT_ID}, ...) are mapped onto these keys in
 * {@code application.properties}; the defaults here are what a key falls back to when neither is set.
 *
 * <p>Secrets are {@link Optional}: a service without them still starts, and the endpoints that need
 * them refuse calls (503) instead of running open.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /**
     * The shared secret a cron caller presents as {@code Authorization: Bearer …} or
     * {@code x-vercel-cron-secret}. Absent: every cron call is refused with 503, never let through.
     */
    Optional<String> cronSecret();

    /**
     * In-process schedule: a 5-field cron expression as a CronJob or Vercel writes it (e.g.
     * <code>&#42;/15 * * * *</code>; {@code quarkus.scheduler.cron-type} is {@code unix}), or {@code off}. Runs the same
     * code path as the HTTP trigger over the whole user base and takes the same lease, so it never overlaps a
     * cron-triggered run.
     */
    @WithDefault("off")
    String schedule();

    /** How one run behaves. */
    Run run();

    /** Where Spotify is and how the service talks to it. */
    Spotify spotify();

    /** The {@code /api/spotify/login} onboarding flow. */
    OAuth oauth();

    interface Run {

        /**
         * Users synced at the same time; each holds at most one Spotify call and one database connection. Spotify's
         * rate limit does not bound it: the calls pace themselves app-wide once Spotify answers 429 (see
         * {@link Spotify#maxCallsPerSecond()}), so concurrency only sets how many calls can be in flight, and how
         * many are answered 429 at the moment the app first reaches its limit.
         */
        @WithDefault("32")
        @Min(1)
        @Max(256)
        int concurrency();

        /** After this, users not finished are reported failed with {@code Sync deadline exceeded}. */
        @WithDefault("5m")
        Duration deadline();

        /**
         * Added to the deadline to form the run lease's time to live; the lease is renewed while the
         * run lasts, so this only matters when a replica dies mid-run (the next run waits at most this long).
         */
        @WithDefault("1m")
        Duration leaseMargin();

        /** Pages of 50 plays fetched per user and run at most; a guard against a cursor that never ends. */
        @WithDefault("20")
        @Min(1)
        int maxPages();
    }

    interface Spotify {

        /** Base URL of the Web API. */
        @WithDefault("https://api.spotify.com")
        String apiUrl();

        /** Base URL of the accounts service (token refresh, OAuth). */
        @WithDefault("https://accounts.spotify.com")
        String accountsUrl();

        /** The app's client id; needed to refresh tokens and for onboarding. */
        Optional<String> clientId();

        /** The app's client secret; never logged, never part of a message. */
        Optional<String> clientSecret();

        /** A token expiring within this margin is refreshed before it is used. */
        @WithDefault("1m")
        Duration refreshMargin();

        /**
         * Attempts of one call while Spotify answers 429; after that the user fails with {@code Spotify rate limit
         * exceeded}. Every attempt first waits out the app-wide {@code Retry-After}, and the run deadline bounds
         * them all, so a generous count costs nothing while Spotify recovers and keeps a user whose calls happen
         * to meet several 429s in a row from failing.
         */
        @WithDefault("10")
        @Min(1)
        int rateLimitAttempts();

        /** Wait used when a 429 comes without a usable {@code Retry-After} header. */
        @WithDefault("5s")
        Duration defaultRetryAfter();

        /**
         * Most Web API calls per second the sync makes, whatever Spotify would accept; {@code 0} means no cap. Until
         * Spotify first answers 429 the calls are not paced at all; after it, they are paced at the rate Spotify was
         * seen to accept (learned from the calls it accepted over the last {@link #rateWindow()}), and this caps
         * that rate too. Leave room here for anything else that uses the same Spotify app (a web app, other shards).
         * Token refreshes go to the accounts service, which Spotify limits apart, and are not counted.
         */
        @WithDefault("0")
        @DecimalMin("0")
        double maxCallsPerSecond();

        /**
         * The length of Spotify's rolling rate-limit window: Spotify counts an app's calls over the last 30 seconds.
         * The pacing learns how many calls one such window holds.
         */
        @WithDefault("30s")
        Duration rateWindow();
    }

    interface OAuth {

        /** Where Spotify sends the browser back; must be registered in the Spotify app's settings. */
        @WithDefault("http://127.0.0.1:8080/api/spotify/callback")
        String redirectUri();

        /** Scopes asked for at login; the sync needs {@code user-read-recently-played}. */
        @WithDefault("user-read-recently-played")
        String scope();

        /** Key that signs the OAuth {@code state}; when absent one is derived from the client secret. */
        Optional<String> stateSecret();

        /** How long a login may take between the redirect to Spotify and the callback. */
        @WithDefault("10m")
        Duration stateTtl();
    }
}

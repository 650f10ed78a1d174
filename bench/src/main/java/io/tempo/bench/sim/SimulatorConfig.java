package io.tempo.bench.sim;

import io.tempo.bench.Args;

/**
 * What the simulated Spotify serves and how it misbehaves. Every share is a probability in [0, 1];
 * per-user choices (expired, revoked) are fixed by the seed, per-request faults are random.
 *
 * @param seed              makes catalog, plays and tokens reproducible
 * @param users             how many users exist (index 0..users-1)
 * @param playsPerUser      plays in each user's history (Spotify exposes at most the 50 newest)
 * @param epochMs           the newest moment in every history; plays lie before it
 * @param latencyMs         delay before every Web API answer (a timer, never a sleeping thread)
 * @param tokenLatencyMs    delay before every accounts answer
 * @param rateLimitShare    share of Web API requests answered 429 with {@code Retry-After}
 * @param retryAfterSeconds the {@code Retry-After} of those answers
 * @param serverErrorShare  share of Web API requests answered 500/502/503
 * @param expiredShare      share of users whose stored access token has expired (401 until refreshed)
 * @param revokedShare      share of expired users whose refresh token is rejected ({@code invalid_grant})
 * @param rotateShare       share of refreshes that hand out a new refresh token
 * @param localShare        share of plays that are local files (null ids; never stored)
 * @param markets           length of {@code available_markets} when no {@code market} is asked for (Spotify: ~185)
 * @param artists           catalog size
 * @param albums            catalog size
 * @param tracks            catalog size
 * @param clientId          the app's client id the accounts service accepts
 * @param clientSecret      the app's client secret the accounts service accepts
 * @param eventLoops        Vert.x event loops serving requests
 * @param windowCalls       Spotify's kind of limit: at most this many Web API calls in any rolling window of
 *                          {@code windowMs} for the whole app, then 429 with {@code Retry-After} set to the whole
 *                          seconds until the window has room again; 0 means no window
 * @param windowMs          the length of that window (Spotify's is 30 s)
 */
public record SimulatorConfig(long seed, int users, int playsPerUser, long epochMs, int latencyMs, int tokenLatencyMs,
                              double rateLimitShare, int retryAfterSeconds, double serverErrorShare,
                              double expiredShare, double revokedShare, double rotateShare, double localShare,
                              int markets, int artists, int albums, int tracks, String clientId, String clientSecret,
                              int eventLoops, int windowCalls, long windowMs) {

    public static final String DEFAULT_CLIENT_ID = "bench-client-id";
    public static final String DEFAULT_CLIENT_SECRET = "bench-client-secret";

    public SimulatorConfig {
        if (users < 0 || playsPerUser < 0 || playsPerUser > 50) {
            throw new IllegalArgumentException("users >= 0 and 0 <= plays-per-user <= 50 (Spotify keeps 50)");
        }
        if (rateLimitShare + serverErrorShare > 1.0) {
            throw new IllegalArgumentException("rate-limit-share + server-error-share must not exceed 1");
        }
        if (windowCalls < 0 || (windowCalls > 0 && windowMs <= 0)) {
            throw new IllegalArgumentException("rate-window-calls >= 0, and a window of them needs rate-window-ms > 0");
        }
    }

    /** A fault-free simulator with no delay: what the self-tests start. */
    public static SimulatorConfig quiet(int users, int playsPerUser) {
        return new SimulatorConfig(42, users, playsPerUser, 1_767_225_600_000L, 0, 0, 0, 1, 0, 0, 0, 0, 0,
                185, 20_000, 25_000, 60_000, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, 1, 0, 30_000);
    }

    /** The simulator's options, shared by every command that starts one; the parameters above say what each does. */
    public static SimulatorConfig fromArgs(Args args) {
        int latency = args.integer("latency-ms", 100, "delay before every Web API answer");
        long now = System.currentTimeMillis();
        return new SimulatorConfig(
                args.number("seed", 42, "makes catalog, plays and tokens reproducible"),
                args.integer("sim-users", 1_000, "users the simulator holds (the sync benchmark sets --users instead)"),
                args.integer("plays-per-user", 50, "plays in each user's history (at most 50, as Spotify keeps)"),
                args.number("epoch-ms", now - now % 1000 - 60_000, "the newest play of every history (default: a "
                        + "minute ago)"),
                latency,
                args.integer("token-latency-ms", latency, "delay before every accounts answer (default: --latency-ms)"),
                args.decimal("rate-limit-share", 0, "share of Web API calls answered 429"),
                args.integer("retry-after-seconds", 1, "the Retry-After of those 429s"),
                args.decimal("server-error-share", 0, "share of Web API calls answered 500/502/503"),
                args.decimal("expired-share", 0.2, "share of users whose stored access token has expired"),
                args.decimal("revoked-share", 0, "share of expired users whose refresh token is rejected"),
                args.decimal("rotate-share", 0.1, "share of refreshes that hand out a new refresh token"),
                args.decimal("local-share", 0, "share of plays that are local files (never stored)"),
                args.integer("markets", 185, "length of available_markets on tracks and albums"),
                args.integer("catalog-artists", 20_000, "artists in the catalog"),
                args.integer("catalog-albums", 25_000, "albums in the catalog"),
                args.integer("catalog-tracks", 60_000, "tracks in the catalog"),
                args.string("client-id", DEFAULT_CLIENT_ID, "the client id the accounts service accepts"),
                args.string("client-secret", DEFAULT_CLIENT_SECRET, "the client secret the accounts service accepts"),
                args.integer("event-loops", 2, "Vert.x event loops serving the simulator"),
                args.integer("rate-window-calls", 0, "at most this many Web API calls per rolling window for the "
                        + "app, then 429 (0: no window)"),
                args.number("rate-window-ms", 30_000, "the length of that window"));
    }

    public SimulatorConfig withUsers(int count) {
        return new SimulatorConfig(seed, count, playsPerUser, epochMs, latencyMs, tokenLatencyMs, rateLimitShare,
                retryAfterSeconds, serverErrorShare, expiredShare, revokedShare, rotateShare, localShare, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, windowCalls, windowMs);
    }

    public SimulatorConfig withLatency(int webApiMs, int accountsMs) {
        return new SimulatorConfig(seed, users, playsPerUser, epochMs, webApiMs, accountsMs, rateLimitShare,
                retryAfterSeconds, serverErrorShare, expiredShare, revokedShare, rotateShare, localShare, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, windowCalls, windowMs);
    }

    public SimulatorConfig withFaults(double rateLimited, double serverErrors) {
        return new SimulatorConfig(seed, users, playsPerUser, epochMs, latencyMs, tokenLatencyMs, rateLimited,
                retryAfterSeconds, serverErrors, expiredShare, revokedShare, rotateShare, localShare, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, windowCalls, windowMs);
    }

    public SimulatorConfig withTokens(double expired, double revoked, double rotate) {
        return new SimulatorConfig(seed, users, playsPerUser, epochMs, latencyMs, tokenLatencyMs, rateLimitShare,
                retryAfterSeconds, serverErrorShare, expired, revoked, rotate, localShare, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, windowCalls, windowMs);
    }

    public SimulatorConfig withLocalShare(double share) {
        return new SimulatorConfig(seed, users, playsPerUser, epochMs, latencyMs, tokenLatencyMs, rateLimitShare,
                retryAfterSeconds, serverErrorShare, expiredShare, revokedShare, rotateShare, share, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, windowCalls, windowMs);
    }

    /** The same simulator with Spotify's kind of limit: {@code calls} per rolling {@code windowMs} (0: none). */
    public SimulatorConfig withWindow(int calls, long lengthMs) {
        return new SimulatorConfig(seed, users, playsPerUser, epochMs, latencyMs, tokenLatencyMs, rateLimitShare,
                retryAfterSeconds, serverErrorShare, expiredShare, revokedShare, rotateShare, localShare, markets,
                artists, albums, tracks, clientId, clientSecret, eventLoops, calls, lengthMs);
    }

    /** One line for reports: every knob that changes what is measured. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "seed=%d plays/user=%d latency=%dms accounts-latency=%dms 429=%.0f%% (Retry-After %ds) "
                        + "5xx=%.0f%% expired-tokens=%.0f%% revoked=%.0f%% local-files=%.0f%% markets=%d "
                        + "catalog=%d/%d/%d artists/albums/tracks%s",
                seed, playsPerUser, latencyMs, tokenLatencyMs, rateLimitShare * 100, retryAfterSeconds,
                serverErrorShare * 100, expiredShare * 100, revokedShare * 100, localShare * 100, markets,
                artists, albums, tracks, windowCalls == 0 ? ""
                        : String.format(java.util.Locale.ROOT, " rate-window=%d calls per %.0f s", windowCalls, windowMs / 1000.0));
    }
}

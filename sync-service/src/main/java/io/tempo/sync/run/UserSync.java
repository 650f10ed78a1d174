package io.tempo.sync.run;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.config.SyncConfig;
import io.tempo.sync.spotify.PageRequest;
import io.tempo.sync.spotify.PlayedItem;
import io.tempo.sync.spotify.RecentlyPlayedPage;
import io.tempo.sync.spotify.SpotifyClient;
import io.tempo.sync.spotify.SpotifyException;
import io.tempo.sync.spotify.SpotifyTokens;
import io.tempo.sync.store.PlayStore;
import io.tempo.sync.store.SyncCandidate;
import io.tempo.sync.store.TokenStore;
import io.tempo.sync.store.TokenUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Syncs one user: a usable access token (refreshed ahead of expiry, or once after a 401), every play
 * newer than the newest stored one, then one {@link PlayStore#ingest} call for all of them.
 *
 * <p>The deadline bounds the Spotify calls only. Once plays or rotated tokens have arrived they are
 * always written, so a run cut short never loses data it already fetched.
 */
@ApplicationScoped
class UserSync {

    private static final Logger LOG = Logger.getLogger(UserSync.class);

    private final SpotifyClient spotify;
    private final GatedSpotifyCalls calls;
    private final TokenStore tokenStore;
    private final PlayStore playStore;
    private final SyncConfig config;
    private final Clock clock;

    UserSync(SpotifyClient spotify, GatedSpotifyCalls calls, TokenStore tokenStore, PlayStore playStore,
             SyncConfig config, Clock clock) {
        this.spotify = spotify;
        this.calls = calls;
        this.tokenStore = tokenStore;
        this.playStore = playStore;
        this.config = config;
        this.clock = clock;
    }

    /** The number of new plays stored; fails with a {@link UserSyncException}. */
    Uni<Integer> sync(SyncCandidate user, Instant deadline) {
        if (!user.hasTokens()) {
            return Uni.createFrom().failure(new UserSyncException(FailureReason.NO_TOKENS, UserSyncException.NO_TOKENS));
        }
        if (user.needsReauthSince() != null) {
            return Uni.createFrom().failure(
                    new UserSyncException(FailureReason.REAUTH_REQUIRED, UserSyncException.REAUTH_REQUIRED));
        }
        if (!clock.instant().isBefore(deadline)) {
            return Uni.createFrom().failure(UserSyncException.deadlineExceeded());
        }
        Session session = new Session(user, deadline);
        return usableToken(session)
                .flatMap(token -> fetchNewPlays(session, PageRequest.after(user.lastPlayedAt()), 1))
                .onFailure().transform(UserFailures::classify)
                .flatMap(items -> items.isEmpty()
                        ? Uni.createFrom().item(0)
                        : playStore.ingest(user.userId(), items)
                                .onFailure().transform(failure -> UserFailures.database("storing plays", failure)));
    }

    private Uni<String> usableToken(Session session) {
        Instant refreshBy = clock.instant().plus(config.spotify().refreshMargin());
        boolean expiring = session.accessToken == null
                || (session.expiresAt != null && !session.expiresAt.isAfter(refreshBy));
        return expiring ? refresh(session) : Uni.createFrom().item(session.accessToken);
    }

    private Uni<String> refresh(Session session) {
        UUID userId = session.user.userId();
        if (session.refreshToken == null) {
            return Uni.createFrom().failure(new UserSyncException(FailureReason.REFRESH_FAILED,
                    UserSyncException.REFRESH_FAILED + ": no refresh token stored"));
        }
        session.refreshed = true;
        String refreshToken = session.refreshToken;
        return calls.accounts(() -> spotify.refreshToken(refreshToken), session.deadline)
                .onFailure(SpotifyException.InvalidGrant.class).recoverWithUni(invalid -> tokenStore.markNeedsReauth(userId)
                        .onFailure().transform(failure -> UserFailures.database("marking the user for re-authentication", failure))
                        .chain(() -> Uni.createFrom().<SpotifyTokens>failure(new UserSyncException(
                                FailureReason.REAUTH_REQUIRED, UserSyncException.REAUTH_REQUIRED))))
                .onFailure().transform(UserFailures::refreshFailed)
                .flatMap(tokens -> {
                    TokenUpdate update = new TokenUpdate(tokens.accessToken(), tokens.expiresAt(clock.instant()),
                            tokens.scope(), tokens.refreshToken());
                    session.accessToken = update.accessToken();
                    session.expiresAt = update.expiresAt();
                    if (update.refreshToken() != null) {
                        session.refreshToken = update.refreshToken();
                    }
                    return tokenStore.saveRefreshed(userId, update)
                            .onFailure().transform(failure -> {
                                LOG.errorf("[Spotify Sync] Could not store refreshed tokens for user %s (rotated: %s)",
                                        userId, update.refreshToken() != null);
                                return UserFailures.database("storing refreshed tokens", failure);
                            })
                            .invoke(() -> LOG.debugf("[Spotify Sync] Refreshed access token for user %s", userId))
                            .replaceWith(update.accessToken());
                });
    }

    /**
     * Spotify lists plays newest first. The first request asks for everything after the newest stored
     * play; its {@code next} link says how to go on: {@code before} (older plays; stop once a page
     * reaches plays already stored) or {@code after} (newer plays). Each cursor must move, pages are
     * bounded, and plays are de-duplicated by {@code played_at}, so paging always ends and every new
     * play is sent to the database exactly once.
     */
    private Uni<List<String>> fetchNewPlays(Session session, PageRequest request, int pageNumber) {
        return authorized(session, token -> spotify.recentlyPlayed(token, request))
                .flatMap(page -> {
                    boolean reachedStoredPlays = collect(session, page);
                    PageRequest next = page.next();
                    if (next == null || page.items().size() < PageRequest.LIMIT || reachedStoredPlays
                            || !movesOn(request, next)) {
                        return Uni.createFrom().item(session.newPlays);
                    }
                    if (pageNumber >= config.run().maxPages()) {
                        LOG.warnf("[Spotify Sync] Stopped paging for user %s after %d pages", session.user.userId(), pageNumber);
                        return Uni.createFrom().item(session.newPlays);
                    }
                    return fetchNewPlays(session, next, pageNumber + 1);
                });
    }

    /** Adds the page's new plays; true when it also held plays at or before the newest stored one. */
    private static boolean collect(Session session, RecentlyPlayedPage page) {
        Instant last = session.user.lastPlayedAt();
        boolean reachedStored = false;
        for (PlayedItem item : page.items()) {
            if (last != null && !item.playedAt().isAfter(last)) {
                reachedStored = true;
            } else if (session.seen.add(item.playedAt())) {
                session.newPlays.add(item.json());
            }
        }
        return reachedStored;
    }

    private static boolean movesOn(PageRequest current, PageRequest next) {
        if (next.before() != null) {
            return current.before() == null || next.before() < current.before();
        }
        return current.after() == null || next.after() > current.after();
    }

    /** Makes a Web API call; on a 401 refreshes the token once (unless it was just refreshed) and retries once. */
    private <T> Uni<T> authorized(Session session, Function<String, Uni<T>> call) {
        return calls.webApi(() -> call.apply(session.accessToken), session.deadline)
                .onFailure(SpotifyException.Unauthorized.class).recoverWithUni(unauthorized -> {
                    if (session.refreshed) {
                        return Uni.createFrom().failure(unauthorized);
                    }
                    return refresh(session).flatMap(token -> calls.webApi(() -> call.apply(token), session.deadline));
                });
    }

    /** One user's state while they sync: the tokens in use and the plays gathered so far. */
    private static final class Session {
        final SyncCandidate user;
        final Instant deadline;
        final List<String> newPlays = new ArrayList<>();
        final Set<Instant> seen = new HashSet<>();
        String accessToken;
        String refreshToken;
        Instant expiresAt;
        boolean refreshed;

        Session(SyncCandidate user, Instant deadline) {
            this.user = user;
            this.deadline = deadline;
            this.accessToken = user.accessToken();
            this.refreshToken = user.refreshToken();
            this.expiresAt = user.expiresAt();
        }
    }
}

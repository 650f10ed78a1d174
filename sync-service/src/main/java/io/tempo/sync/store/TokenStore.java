package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Writes users' Spotify tokens. */
@ApplicationScoped
public class TokenStore {

    private static final String SAVE_REFRESHED = """
            update public.spotify_tokens
            set access_token       = $2,
                expires_at         = $3,
                scope              = coalesce($4, scope),
                refresh_token      = coalesce($5, refresh_token),
                updated_at         = now(),
                needs_reauth_since = null
            where user_id = $1""";

    // Keeps the first time: later failures of the same dead refresh token do not move the mark.
    private static final String MARK_NEEDS_REAUTH = """
            update public.spotify_tokens
            set needs_reauth_since = coalesce(needs_reauth_since, now())
            where user_id = $1""";

    // One statement, so the user and the tokens are stored together or not at all.
    private static final String SAVE_LOGIN = """
            with account as (
                insert into auth.users as u (id, email) values ($1, $2)
                on conflict (id) do update set email = coalesce(excluded.email, u.email)
                where u.email is distinct from coalesce(excluded.email, u.email)
            )
            insert into public.spotify_tokens as t (user_id, access_token, refresh_token, expires_at, scope, updated_at,
                                             needs_reauth_since)
            values ($1, $3, $4, $5, $6, now(), null)
            on conflict (user_id) do update set access_token       = excluded.access_token,
                                                refresh_token      = coalesce(excluded.refresh_token, t.refresh_token),
                                                expires_at         = excluded.expires_at,
                                                scope              = coalesce(excluded.scope, t.scope),
                                                updated_at         = now(),
                                                needs_reauth_since = null""";

    private final Pool pool;

    public TokenStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a refreshed access token (and the rotated refresh token when there is one); clears the re-auth mark. */
    public Uni<Void> saveRefreshed(UUID userId, TokenUpdate update) {
        return pool.preparedQuery(SAVE_REFRESHED)
                .execute(Tuple.of(userId, update.accessToken(), utc(update.expiresAt()), update.scope(),
                        update.refreshToken()))
                .replaceWithVoid();
    }

    /** Marks a user whose refresh token Spotify rejected; keeps the first time it happened. */
    public Uni<Void> markNeedsReauth(UUID userId) {
        return pool.preparedQuery(MARK_NEEDS_REAUTH).execute(Tuple.of(userId)).replaceWithVoid();
    }

    /**
     * Creates or updates the {@code auth.users} row of a Spotify account that logged in through
     * {@code /api/spotify/login} and stores its tokens. The user id is derived from the Spotify
     * account id, so a second login updates the same user. Returns that id.
     */
    public Uni<UUID> saveSpotifyLogin(String spotifyUserId, String email, TokenUpdate tokens) {
        UUID userId = userIdOf(spotifyUserId);
        return pool.preparedQuery(SAVE_LOGIN)
                .execute(Tuple.tuple().addUUID(userId).addString(email).addString(tokens.accessToken())
                        .addString(tokens.refreshToken()).addOffsetDateTime(utc(tokens.expiresAt()))
                        .addString(tokens.scope()))
                .replaceWith(userId);
    }

    /** The user id of a Spotify account: a name-based (v3) UUID of {@code spotify:<account id>}. */
    private static UUID userIdOf(String spotifyUserId) {
        return UUID.nameUUIDFromBytes(("spotify:" + spotifyUserId).getBytes(StandardCharsets.UTF_8));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

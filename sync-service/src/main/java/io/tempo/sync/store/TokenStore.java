package io.tempo.sync.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Writes users' Spotify tokens. */
@ApplicationScoped
public class TokenStore {

    /** Stores a refreshed access token (and the rotated refresh token when there is one); clears the re-auth mark. */
    public Uni<Void> saveRefreshed(UUID userId, TokenUpdate update) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /** Marks a user whose refresh token Spotify rejected; keeps the first time it happened. */
    public Uni<Void> markNeedsReauth(UUID userId) {
        throw new UnsupportedOperationException("TODO store helper");
    }

    /**
     * Creates or updates the {@code auth.users} row of a Spotify account that logged in through
     * {@code /api/spotify/login} and stores its tokens. The user id is derived from the Spotify
     * account id, so a second login updates the same user. Returns that id.
     */
    public Uni<UUID> saveSpotifyLogin(String spotifyUserId, String email, TokenUpdate tokens) {
        throw new UnsupportedOperationException("TODO store helper");
    }
}

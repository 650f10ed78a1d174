package io.tempo.sync.spotify;

import java.time.Instant;

/**
 * One request for recently played tracks: at most one of the exclusive cursors {@code after} and
 * {@code before} (Unix ms), as Spotify requires; both null asks for the newest plays.
 */
public record PageRequest(Long after, Long before) {

    /** Spotify's maximum page size. */
    public static final int LIMIT = 50;

    public PageRequest {
        if (after != null && before != null) {
            throw new IllegalArgumentException("after and before are mutually exclusive");
        }
    }

    /** The first request of a sync: everything after the newest stored play, or the newest plays on a first sync. */
    public static PageRequest after(Instant lastPlayedAt) {
        return new PageRequest(lastPlayedAt == null ? null : lastPlayedAt.toEpochMilli(), null);
    }

    public static PageRequest before(long cursorMs) {
        return new PageRequest(null, cursorMs);
    }

    public static PageRequest afterCursor(long cursorMs) {
        return new PageRequest(cursorMs, null);
    }
}

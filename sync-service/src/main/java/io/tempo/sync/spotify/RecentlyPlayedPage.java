package io.tempo.sync.spotify;

import java.util.List;

/**
 * One page of recently played tracks, newest first as Spotify orders them.
 *
 * @param next the request for the following page as Spotify's {@code next} link describes it, or null at the end
 */
public record RecentlyPlayedPage(List<PlayedItem> items, PageRequest next) {

    public RecentlyPlayedPage {
        items = List.copyOf(items);
    }
}

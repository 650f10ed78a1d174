package io.tempo.tokener.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestFilterTest {

    private final RequestFilter filter = new RequestFilter(Set.of("image", "font", "media"),
            List.of("www.google-analytics.com", "ingest.sentry.io"));

    @Test
    void blocksImagesFontsAndMedia() {
        assertThat(filter.blocks("image", "https://i.scdn.co/image/ab67")).isTrue();
        assertThat(filter.blocks("font", "https://open.spotifycdn.com/fonts/circular.woff2")).isTrue();
        assertThat(filter.blocks("media", "https://p.scdn.co/mp3-preview/1")).isTrue();
    }

    @Test
    void blocksAnalyticsHostsAndTheirSubdomains() {
        assertThat(filter.blocks("script", "https://www.google-analytics.com/analytics.js")).isTrue();
        assertThat(filter.blocks("fetch", "https://o22381.ingest.sentry.io/api/1/envelope/")).isTrue();
    }

    @Test
    void letsThePageAndItsTokenRequestThrough() {
        assertThat(filter.blocks("document", "https://open.spotify.com/")).isFalse();
        assertThat(filter.blocks("script", "https://open.spotifycdn.com/cdn/build/web-player.js")).isFalse();
        assertThat(filter.blocks("fetch", "https://open.spotify.com/api/token?reason=init")).isFalse();
        assertThat(filter.blocks("fetch", "https://notgoogle-analytics.com/x")).isFalse();
    }
}

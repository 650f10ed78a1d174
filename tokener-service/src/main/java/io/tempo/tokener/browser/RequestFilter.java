package io.tempo.tokener.browser;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Decides which of the page's requests never leave the browser: they only cost time. */
final class RequestFilter {

    private final Set<String> blockedResourceTypes;
    private final List<String> blockedHosts;

    RequestFilter(Set<String> blockedResourceTypes, List<String> blockedHosts) {
        this.blockedResourceTypes = blockedResourceTypes.stream().map(RequestFilter::normalise)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.blockedHosts = blockedHosts.stream().map(RequestFilter::normalise).filter(h -> !h.isEmpty()).toList();
    }

    boolean blocks(String resourceType, String url) {
        return blockedResourceTypes.contains(normalise(resourceType)) || blocksHostOf(url);
    }

    private boolean blocksHostOf(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = normalise(host);
        return blockedHosts.stream().anyMatch(blocked -> h.equals(blocked) || h.endsWith("." + blocked));
    }

    private static String normalise(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}

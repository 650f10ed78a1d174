package io.tempo.tokener.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one fetch has seen of the page's token responses: the first good token, and why the others were not.
 * Written from route handlers, which Playwright runs on the browser thread, and read there too.
 */
final class TokenCapture {

    private final TokenResponseParser parser;
    private final boolean anonymous;
    private final List<Integer> errorStatuses = new ArrayList<>();
    private int unusable;
    private WebPlayerToken token;

    TokenCapture(TokenResponseParser parser, boolean anonymous) {
        this.parser = parser;
        this.anonymous = anonymous;
    }

    /** A token response as it came from the network; a 2xx with a complete token is the one kept. */
    void offer(int status, String body) {
        if (token != null) {
            return;
        }
        if (status < 200 || status > 299) {
            errorStatuses.add(status);
            return;
        }
        Optional<WebPlayerToken> parsed = parser.parse(body, anonymous);
        if (parsed.isPresent()) {
            token = parsed.get();
        } else {
            unusable++;
        }
    }

    boolean done() {
        return token != null;
    }

    WebPlayerToken token() {
        return token;
    }

    String failure(long timeoutMs) {
        if (errorStatuses.isEmpty() && unusable == 0) {
            return "The web player did not get a token response within " + timeoutMs + " ms";
        }
        return "No usable token response within " + timeoutMs + " ms (" + unusable + " unusable, error statuses "
                + errorStatuses + ")";
    }
}

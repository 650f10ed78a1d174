package io.tempo.tokener.api;

import java.util.List;
import java.util.Optional;

/** Finds the {@code sp_dc} cookie in the request's {@code Cookie} header(s); other cookies are ignored. */
final class SpDcCookie {

    static final String NAME = "sp_dc";

    private SpDcCookie() {
    }

    static Optional<String> from(List<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return Optional.empty();
        }
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals <= 0 || !pair.substring(0, equals).strip().equals(NAME)) {
                    continue;
                }
                String value = unquote(pair.substring(equals + 1).strip());
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}

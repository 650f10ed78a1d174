package io.tempo.tokener.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tempo.tokener.browser.WebPlayerToken;
import io.tempo.tokener.token.ServedToken;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cached anonymous answer, serialised once per token: every cache hit is the same JSON but for
 * {@code timestamp}, the last field, so a hit only appends the time to these bytes. Made with the same
 * {@link TokenResponse} and mapper as every other answer, so the two paths cannot drift apart.
 */
final class TokenAnswer {

    private static final byte[] TIMESTAMP_PLACEHOLDER = "\"timestamp\":0}".getBytes(StandardCharsets.US_ASCII);

    final WebPlayerToken token;
    /** Everything up to and including {@code "timestamp":}. */
    private final byte[] prefix;

    private TokenAnswer(WebPlayerToken token, byte[] prefix) {
        this.token = token;
        this.prefix = prefix;
    }

    static TokenAnswer of(WebPlayerToken token, ObjectMapper mapper) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(TokenResponse.of(new ServedToken(token, true), 0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A token answer could not be serialised", e);
        }
        int cut = json.length - TIMESTAMP_PLACEHOLDER.length;
        if (cut < 0 || !Arrays.equals(json, cut, json.length, TIMESTAMP_PLACEHOLDER, 0, TIMESTAMP_PLACEHOLDER.length)) {
            throw new IllegalStateException("timestamp must be the last field of a token answer");
        }
        return new TokenAnswer(token, Arrays.copyOf(json, json.length - 2)); // keeps "timestamp":
    }

    /** The whole answer at {@code nowMs}. */
    byte[] at(long nowMs) {
        int digits = digits(nowMs);
        byte[] out = Arrays.copyOf(prefix, prefix.length + digits + 1);
        long value = nowMs;
        for (int i = prefix.length + digits - 1; i >= prefix.length; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        out[out.length - 1] = '}';
        return out;
    }

    private static int digits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}

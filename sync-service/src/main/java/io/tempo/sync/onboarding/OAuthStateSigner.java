package io.tempo.sync.onboarding;

import io.tempo.sync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The OAuth {@code state}: {@code <issued ms>.<nonce>.<HMAC-SHA256>}, so the callback can tell a login
 * this service started, recently, from a forged or replayed-late one, without storing anything. The
 * key is {@code SPOTIFY_STATE_SECRET}, or derived from the client secret when that is not set.
 */
@ApplicationScoped
class OAuthStateSigner {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final SyncConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OAuthStateSigner(SyncConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Whether a key is available (a state secret or the client secret). */
    boolean configured() {
        return key().isPresent();
    }

    String issue() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = clock.millis() + "." + B64.encodeToString(nonce);
        return payload + "." + sign(payload, key().orElseThrow());
    }

    /** True for a state this service issued within the configured time to live. */
    boolean verify(String state) {
        Optional<byte[]> key = key();
        if (state == null || key.isEmpty()) {
            return false;
        }
        int lastDot = state.lastIndexOf('.');
        int firstDot = state.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return false;
        }
        String payload = state.substring(0, lastDot);
        byte[] expected = sign(payload, key.get()).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = state.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            return false;
        }
        long issuedMs;
        try {
            issuedMs = Long.parseLong(state.substring(0, firstDot));
        } catch (NumberFormatException e) {
            return false;
        }
        Instant issued = Instant.ofEpochMilli(issuedMs);
        Instant now = clock.instant();
        return !issued.isAfter(now.plus(CLOCK_SKEW)) && issued.plus(config.oauth().stateTtl()).isAfter(now);
    }

    private Optional<byte[]> key() {
        Optional<String> stateSecret = config.oauth().stateSecret().filter(secret -> !secret.isBlank());
        if (stateSecret.isPresent()) {
            return Optional.of(stateSecret.get().getBytes(StandardCharsets.UTF_8));
        }
        // A separate key from the client secret, so the state's MAC never uses the secret itself.
        return config.spotify().clientSecret().filter(secret -> !secret.isBlank())
                .map(secret -> hmac("tempo oauth state key".getBytes(StandardCharsets.UTF_8), secret));
    }

    private static String sign(String payload, byte[] key) {
        return B64.encodeToString(hmac(key, payload));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
        }
    }
}

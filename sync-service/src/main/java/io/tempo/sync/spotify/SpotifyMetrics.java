package io.tempo.sync.spotify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * Spotify call metrics: {@code spotify_calls_seconds{endpoint,status}} (count and latency of every
 * attempt, retries included) and {@code spotify_rate_limited_total{endpoint}}. Tags stay a small fixed set.
 */
@ApplicationScoped
public class SpotifyMetrics {

    private final MeterRegistry registry;

    SpotifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordCall(String endpoint, String status, long startNanos) {
        Timer.builder("spotify.calls")
                .description("Calls to Spotify by endpoint and HTTP status (io_error: no answer, cancelled: timed out or abandoned)")
                .tag("endpoint", endpoint)
                .tag("status", status)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void recordRateLimited(String endpoint) {
        Counter.builder("spotify.rate.limited")
                .description("429 answers from Spotify; every one closes the app-wide gate for its Retry-After")
                .tag("endpoint", endpoint)
                .register(registry)
                .increment();
    }
}

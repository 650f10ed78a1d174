package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.tokener.browser.BrowserState;

/**
 * {@code GET /health}, the Bun tokener's health page: {@code status} is {@code ok} while Chromium is up
 * and {@code degraded} while it is not. Probes should use {@code /q/health/ready}, which fails then.
 */
@JsonPropertyOrder({"status", "uptimeMs", "memory", "browser", "timestamp"})
public record HealthResponse(String status, long uptimeMs, Memory memory, BrowserState browser, long timestamp) {

    /** JVM memory in bytes. */
    public record Memory(long heapUsed, long heapCommitted, long heapMax, long nonHeapUsed) {
    }
}

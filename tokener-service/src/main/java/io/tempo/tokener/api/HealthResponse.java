package io.tempo.tokener.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.tokener.browser.BrowserState;

/**
 * {@code GET /health}, the Bun tokener's: {@code status} is always {@code healthy} (the process answers),
 * {@code uptime} in seconds, {@code memory} in bytes. Chromium's state comes beside them; probes should use
 * {@code /q/health/ready}, which is down until a token is cached.
 */
@JsonPropertyOrder({"status", "uptime", "memory", "timestamp", "browser"})
public record HealthResponse(String status, double uptime, Memory memory, long timestamp, BrowserState browser) {

    /**
     * @param rss the JVM process' resident memory (Chromium's processes not included)
     * @param heapTotal the Java heap committed
     * @param heapUsed the Java heap in use
     * @param heapMax the most the Java heap may grow to
     * @param nonHeapUsed metaspace, code cache and other memory the JVM manages outside the heap
     */
    @JsonPropertyOrder({"rss", "heapTotal", "heapUsed", "heapMax", "nonHeapUsed"})
    public record Memory(long rss, long heapTotal, long heapUsed, long heapMax, long nonHeapUsed) {
    }
}

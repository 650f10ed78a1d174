package io.tempo.tokener.api;

import io.tempo.tokener.browser.BrowserHost;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Bun tokener's {@code /health}, kept field for field for the dashboards and scripts that read it. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health")
public class HealthResource {

    private static final java.nio.file.Path PROC_STATUS = java.nio.file.Path.of("/proc/self/status");

    private final BrowserHost browser;
    private final Clock clock;

    HealthResource(BrowserHost browser, Clock clock) {
        this.browser = browser;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Service health", description = "Always 200 with status healthy while the process "
            + "answers: uptime in seconds, memory in bytes, and Chromium's state. Probes: /q/health/ready.")
    public HealthResponse health() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long nonHeap = memory.getNonHeapMemoryUsage().getUsed();
        return new HealthResponse(
                "healthy",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0,
                new HealthResponse.Memory(rss(heap.getCommitted() + nonHeap), heap.getCommitted(), heap.getUsed(),
                        heap.getMax(), nonHeap),
                clock.millis(),
                browser.state());
    }

    /** Resident memory from Linux' {@code VmRSS}; elsewhere, what the JVM knows it holds. */
    private static long rss(long fallback) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            // not Linux
        }
        return fallback;
    }
}

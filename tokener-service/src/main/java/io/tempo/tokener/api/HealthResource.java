package io.tempo.tokener.api;

import io.tempo.tokener.browser.BrowserHost;
import io.tempo.tokener.browser.BrowserState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The Bun tokener's {@code /health}, kept for the dashboards and scripts that read it. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health")
public class HealthResource {

    private final BrowserHost browser;
    private final Clock clock;

    HealthResource(BrowserHost browser, Clock clock) {
        this.browser = browser;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Service health", description = "Uptime, memory and Chromium's state. Always 200; "
            + "status is degraded while Chromium is down (probes: /q/health/ready).")
    public HealthResponse health() {
        BrowserState state = browser.state();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new HealthResponse(
                state.connected() ? "ok" : "degraded",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                new HealthResponse.Memory(heap.getUsed(), heap.getCommitted(), heap.getMax(),
                        memory.getNonHeapMemoryUsage().getUsed()),
                state,
                clock.millis());
    }
}

package io.tempo.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final String LOGGER = "io.tempo.common.testing.LogCaptureTest";

    @Test
    void capturesFormattedLinesWithTheirCausesUntilClosed() {
        Logger log = Logger.getLogger(LOGGER);
        LogCapture capture = LogCapture.start();
        try (capture) {
            log.warnf(new IllegalStateException("outer", new IllegalArgumentException("inner")),
                    "Synced %d plays for user %s", 3, "u1");
        }
        log.warn("after the capture closed");

        assertEquals(List.of("WARN " + LOGGER + " Synced 3 plays for user u1"
                + " | java.lang.IllegalStateException: outer | java.lang.IllegalArgumentException: inner"), capture.lines());
    }
}

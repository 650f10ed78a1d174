package io.tempo.sync.run;

import io.tempo.sync.store.SyncResult;
import java.time.Duration;

/**
 * A finished run.
 *
 * @param status {@code succeeded}, or {@code deadline_exceeded} when users were cut off by the deadline
 */
public record SyncRun(long runId, String status, SyncResult result, Duration duration) {

    public static final String SUCCEEDED = "succeeded";
    public static final String DEADLINE_EXCEEDED = "deadline_exceeded";
    public static final String FAILED = "failed";
}

package io.tempo.sync.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tempo.sync.store.SyncResult;

/** The 200 body of the cron route: {@code {"success":true,"duration_ms":N,"result":{…}}}, as the original route answered. */
@JsonPropertyOrder({"success", "duration_ms", "result"})
public record SyncResponse(boolean success, @JsonProperty("duration_ms") long durationMs, SyncResult result) {

    static SyncResponse of(long durationMs, SyncResult result) {
        return new SyncResponse(true, durationMs, result);
    }
}

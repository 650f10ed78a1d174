package io.tempo.sync.api;

import io.tempo.sync.store.SyncRunView;
import java.util.List;

/** {@code {"success":true,"runs":[…]}}: recent runs, newest first. */
public record RunsResponse(boolean success, List<SyncRunView> runs) {
}

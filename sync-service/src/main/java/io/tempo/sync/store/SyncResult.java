package io.tempo.sync.store;

import java.util.List;

/**
 * What one run did: the {@code result} object of the cron response, also kept in {@code sync_runs}.
 * Field names are the contract of the original cron route and must not change.
 */
public record SyncResult(int totalUsers, int successful, int failed, int playsSynced, List<UserError> errors) {

    public SyncResult {
        errors = List.copyOf(errors);
    }
}

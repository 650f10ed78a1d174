package io.tempo.sync.store;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the users a run has to sync. */
@ApplicationScoped
public class UserStore {

    /**
     * Every user of the shard with their tokens and newest stored play, streamed in id order so a run
     * never holds all users in memory. One query per page of users, never one per user.
     */
    public Multi<SyncCandidate> candidates(Shard shard) {
        throw new UnsupportedOperationException("TODO store helper");
    }
}

package io.tempo.sync.run;


/** Another run (on this replica or another) holds the shard's lease. */
public final class RunInProgressException extends RuntimeException {

    public RunInProgressException(Shard shard) {
        super("A sync run is already in progress for shard " + shard.key(), null, false, false);
    }
}

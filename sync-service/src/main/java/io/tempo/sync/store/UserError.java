package io.tempo.sync.store;

import java.util.UUID;

/** One user's failure in a run, with a message a person recognises and no token or secret in it. */
public record UserError(UUID userId, String error) {
}

package io.tempo.sync.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tempo.sync.store.SyncRunView;
import io.tempo.sync.store.SyncResult;
import io.tempo.sync.store.UserError;

/**
 * Types Jackson serialises that are not a resource method's direct return type (nested in one, or built
 * by an exception mapper): the native executable needs them registered for reflection.
 */
@RegisterForReflection(targets = {SyncResult.class, UserError.class, SyncRunView.class, ErrorEnvelope.class})
final class NativeReflection {

    private NativeReflection() {
    }
}

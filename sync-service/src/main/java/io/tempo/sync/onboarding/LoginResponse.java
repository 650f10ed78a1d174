package io.tempo.sync.onboarding;

import java.util.UUID;

/** What the callback answers once the account is connected. */
public record LoginResponse(boolean success, UUID userId, String spotifyUserId, String scope, String message) {
}

package io.tempo.sync.spotify;

/** The parts of {@code GET /v1/me} onboarding needs; {@code email} is null without the email scope. */
public record SpotifyProfile(String id, String email) {
}

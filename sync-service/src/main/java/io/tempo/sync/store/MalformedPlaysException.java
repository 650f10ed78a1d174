package io.tempo.sync.store;

/**
 * Spotify's play history could not be stored because an item is malformed (no {@code played_at}, no track, a
 * number where text belongs...). Nothing of the call was written. The message names the item and the problem and
 * holds no user data, so it can be shown as the user's error.
 */
public class MalformedPlaysException extends IllegalArgumentException {

    public MalformedPlaysException(String message, Throwable cause) {
        super(message, cause);
    }
}

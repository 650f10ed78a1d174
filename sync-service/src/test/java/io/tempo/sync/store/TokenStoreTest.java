package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class TokenStoreTest extends DatabaseTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Instant IN_AN_HOUR = Instant.parse("2030-01-01T01:00:00Z");

    @Inject
    TokenStore tokens;

    @Test
    void saveSpotifyLoginCreatesThenUpdatesTheSameUser() {
        UUID created = tokens.saveSpotifyLogin("ada", "ada@example.test",
                new TokenUpdate("access-1", IN_AN_HOUR, "user-read-recently-played", "refresh-1")).await().atMost(WAIT);

        assertThat(created).isEqualTo(UUID.nameUUIDFromBytes("spotify:ada".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenRow(created)).isEqualTo("access-1|refresh-1|user-read-recently-played|-");

        UUID updated = tokens.saveSpotifyLogin("ada", "ada@new.example.test",
                new TokenUpdate("access-2", IN_AN_HOUR.plusSeconds(60), "user-read-recently-played", "refresh-2"))
                .await().atMost(WAIT);

        assertThat(updated).isEqualTo(created);
        assertThat(db.count("auth.users")).isEqualTo(1);
        assertThat(db.rows("select email from auth.users").get(0).getString(0)).isEqualTo("ada@new.example.test");
        assertThat(tokenRow(created)).isEqualTo("access-2|refresh-2|user-read-recently-played|-");
    }

    @Test
    void saveSpotifyLoginWithoutEmailKeepsTheKnownOne() {
        UUID user = tokens.saveSpotifyLogin("bob", "bob@example.test",
                new TokenUpdate("a", IN_AN_HOUR, null, "r")).await().atMost(WAIT);
        tokens.saveSpotifyLogin("bob", null, new TokenUpdate("a2", IN_AN_HOUR, null, "r2")).await().atMost(WAIT);

        assertThat(db.rows("select email from auth.users where id = $1", user).get(0).getString(0))
                .isEqualTo("bob@example.test");
    }

    @Test
    void saveRefreshedKeepsTheRefreshTokenWhenSpotifyDidNotRotateIt() {
        UUID user = db.insertUserWithTokens("old-access", "the-refresh", Instant.parse("2020-01-01T00:00:00Z"));

        tokens.saveRefreshed(user, new TokenUpdate("new-access", IN_AN_HOUR, "user-read-recently-played", null))
                .await().atMost(WAIT);

        assertThat(tokenRow(user)).isEqualTo("new-access|the-refresh|user-read-recently-played|-");
        Row row = db.rows("select expires_at, updated_at > now() - interval '1 minute' from spotify_tokens").get(0);
        assertThat(row.getOffsetDateTime(0).toInstant()).isEqualTo(IN_AN_HOUR);
        assertThat(row.getBoolean(1)).isTrue();
    }

    @Test
    void saveRefreshedStoresARotatedRefreshTokenAndClearsTheReauthMark() {
        UUID user = db.insertUserWithTokens("old-access", "old-refresh");
        tokens.markNeedsReauth(user).await().atMost(WAIT);

        tokens.saveRefreshed(user, new TokenUpdate("new-access", IN_AN_HOUR, null, "rotated")).await().atMost(WAIT);

        assertThat(tokenRow(user)).isEqualTo("new-access|rotated|user-read-recently-played|-");
    }

    @Test
    void markNeedsReauthKeepsTheFirstTime() {
        UUID user = db.insertUserWithTokens("access", "refresh");
        tokens.markNeedsReauth(user).await().atMost(WAIT);
        db.execute("update spotify_tokens set needs_reauth_since = '2024-01-01T00:00:00Z'");

        tokens.markNeedsReauth(user).await().atMost(WAIT);

        assertThat(db.rows("select needs_reauth_since from spotify_tokens").get(0).getOffsetDateTime(0).toInstant())
                .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void newTokensWrittenByTheUsersAppClearTheReauthMark() {
        UUID user = db.insertUserWithTokens("access", "revoked-refresh");
        tokens.markNeedsReauth(user).await().atMost(WAIT);
        assertThat(tokenRow(user)).endsWith("|marked");

        // The app (e.g. in Supabase) stores the tokens of a new login, knowing nothing of the mark.
        db.execute("update spotify_tokens set access_token = 'fresh', refresh_token = 'fresh-refresh' where user_id = $1",
                user);

        assertThat(tokenRow(user)).isEqualTo("fresh|fresh-refresh|user-read-recently-played|-");
    }

    @Test
    void anUpdateThatDoesNotWriteNewTokensKeepsTheReauthMark() {
        UUID user = db.insertUserWithTokens("access", "revoked-refresh");
        tokens.markNeedsReauth(user).await().atMost(WAIT);

        db.execute("update spotify_tokens set scope = 'other' where user_id = $1", user);

        assertThat(tokenRow(user)).endsWith("|marked");
    }

    private String tokenRow(UUID user) {
        return db.rows("""
                select concat_ws('|', access_token, refresh_token, coalesce(scope, '-'),
                                 case when needs_reauth_since is null then '-' else 'marked' end)
                from spotify_tokens where user_id = $1""", user).get(0).getString(0);
    }
}

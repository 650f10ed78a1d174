package io.tempo.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tempo.sync.testing.DatabaseTestBase;
import io.tempo.sync.testing.PostgresTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class UserStoreTest extends DatabaseTestBase {

    /** More than two pages, the last one partial. */
    static final int USERS = 2 * UserStore.PAGE_SIZE + 234;

    @Inject
    UserStore users;

    @Test
    void candidatesStreamEveryUserAcrossPagesInIdOrderWithTokensAndNewestPlay() {
        db.execute("""
                insert into auth.users (id, email) select gen_random_uuid(), 'u' || n || '@example.test'
                from generate_series(1, $1) n""", USERS);
        // Every third user has no tokens; every fifth has been marked for re-authentication.
        db.execute("""
                insert into spotify_tokens (user_id, access_token, refresh_token, expires_at, needs_reauth_since)
                select id, 'access-' || id, 'refresh-' || id, '2030-01-01T00:00:00Z',
                       case when n % 5 = 0 then timestamptz '2024-01-01T00:00:00Z' end
                from (select id, row_number() over (order by email) n from auth.users) u
                where n % 3 <> 0""");
        UUID withPlays = db.rows("select id from auth.users order by id offset 700 limit 1").get(0).getUUID(0);
        db.insertPlay(withPlays, "track-a", Instant.parse("2024-05-01T10:00:00Z"));
        db.insertPlay(withPlays, "track-b", Instant.parse("2024-05-02T08:30:00.250Z"));
        db.insertPlay(withPlays, "track-a", Instant.parse("2024-04-30T23:59:59Z"));

        List<SyncCandidate> candidates = users.candidates(0, 1).collect().asList()
                .await().atMost(Duration.ofSeconds(30));

        List<UUID> expectedOrder = db.rows("select id from auth.users order by id").stream()
                .map(row -> row.getUUID(0)).collect(Collectors.toList());
        assertThat(candidates).extracting(SyncCandidate::userId).containsExactlyElementsOf(expectedOrder);
        Map<UUID, SyncCandidate> byId = candidates.stream()
                .collect(Collectors.toMap(SyncCandidate::userId, Function.identity()));
        assertThat(candidates.stream().filter(c -> !c.hasTokens())).hasSize(USERS / 3);
        assertThat(candidates.stream().filter(c -> c.needsReauthSince() != null)).isNotEmpty();
        SyncCandidate player = byId.get(withPlays);
        assertThat(player.lastPlayedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:00.250Z"));
        assertThat(candidates.stream().filter(c -> c.lastPlayedAt() != null)).containsExactly(player);
        SyncCandidate withTokens = candidates.stream().filter(SyncCandidate::hasTokens).findFirst().orElseThrow();
        assertThat(withTokens.accessToken()).isEqualTo("access-" + withTokens.userId());
        assertThat(withTokens.refreshToken()).isEqualTo("refresh-" + withTokens.userId());
        assertThat(withTokens.expiresAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void candidatesOfAnEmptyUserBaseIsEmpty() {
        assertThat(users.candidates(0, 1).collect().asList().await().atMost(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void shardsPartitionTheUsersExactlyAndMatchTheJavaFormula() {
        db.execute("insert into auth.users (id) select gen_random_uuid() from generate_series(1, 1000)");
        Set<UUID> all = db.rows("select id from auth.users").stream().map(row -> row.getUUID(0))
                .collect(Collectors.toSet());
        int shards = 4;

        Set<UUID> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        for (int index = 0; index < shards; index++) {
            int shard = index;
            List<UUID> members = users.candidates(shard, shards).map(SyncCandidate::userId).collect().asList()
                    .await().atMost(Duration.ofSeconds(30));
            assertThat(members).allMatch(id -> shardOf(id, shards) == shard);
            members.forEach(id -> assertThat(seen.add(id)).as("user %s in two shards", id).isTrue());
            sizes.add(members.size());
        }

        assertThat(seen).isEqualTo(all);
        // A stable hash spreads users roughly evenly (expected 250 each).
        assertThat(sizes).allMatch(size -> size > 150 && size < 350);
    }

    @Test
    void shardOfAUserIsTheDocumentedFormula() {
        UUID id = UUID.fromString("7b8e5b1c-56a2-4c61-9d4c-0d6a3a7c1e11");
        long expected = db.rows("select ('x' || left(md5($1), 8))::bit(32)::bigint % 7 as s", id.toString())
                .get(0).getLong(0);
        int fromSql = db.rows("select tempo.sync_shard_of($1, 7)", id).get(0).getInteger(0);

        assertThat(fromSql).isEqualTo((int) expected);
        assertThat(shardOf(id, 7)).isEqualTo(fromSql);
        assertThat(hash(id) % 7).isEqualTo(expected);
    }

    /** The formula Shard documents, in Java, to check the database function against. */
    private static int shardOf(UUID userId, int shards) {
        return shards == 1 ? 0 : (int) (hash(userId) % shards);
    }

    private static long hash(UUID userId) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(userId.toString().getBytes(StandardCharsets.US_ASCII));
            return ((md5[0] & 0xffL) << 24) | ((md5[1] & 0xffL) << 16) | ((md5[2] & 0xffL) << 8) | (md5[3] & 0xffL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available in the JDK", e);
        }
    }
}

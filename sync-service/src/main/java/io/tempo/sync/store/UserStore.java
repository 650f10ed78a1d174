package io.tempo.sync.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the users a run has to sync.
 *
 * <p>Users are read in pages by keyset ({@code where id > <last id of the previous page> order by id limit n}),
 * each page its own short query. Not a server-side cursor: a cursor needs one transaction held open for the whole
 * run, which pins a connection for minutes and breaks behind transaction-mode poolers (Supabase port 6543,
 * PgBouncer), where a later fetch may land on another server connection. Keyset pages are stateless, cost one
 * primary-key range scan each and never skip or repeat a user when users are added during the run.
 */
@ApplicationScoped
public class UserStore {

    static final int PAGE_SIZE = 500;

    private static final String SELECT = """
            select u.id, t.access_token, t.refresh_token, t.expires_at, t.needs_reauth_since, p.played_at
            from auth.users u
                     left join public.spotify_tokens t on t.user_id = u.id
                     left join lateral (select played_at from public.plays
                                        where plays.user_id = u.id
                                        order by played_at desc
                                        limit 1) p on true
            """;
    // The shard test is skipped for one shard of one, so a plain run does not hash every user.
    private static final String FIRST_PAGE = SELECT + """
            where ($1 = 1 or tempo.sync_shard_of(u.id, $1) = $2)
            order by u.id
            limit $3""";
    private static final String NEXT_PAGE = SELECT + """
            where ($1 = 1 or tempo.sync_shard_of(u.id, $1) = $2) and u.id > $4
            order by u.id
            limit $3""";

    /**
     * The server's statistics of auth.users, which row level security does not filter: a role that cannot see the
     * rows still learns that they are there.
     */
    private static final String USERS_BY_STATISTICS = """
            select current_user as login_role, greatest(c.reltuples, coalesce(s.n_live_tup, 0))::bigint as users
            from pg_class c
                     left join pg_stat_all_tables s on s.relid = c.oid
            where c.oid = 'auth.users'::regclass""";

    private final Pool pool;

    public UserStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Every user of shard {@code shardIndex} of {@code shardCount} (by {@code tempo.sync_shard_of}) with their tokens
     * and newest stored play, streamed in id order so a run never holds all users in memory. One query per page of
     * users, never one per user. The next page is only read when the subscriber asks for more users.
     */
    public Multi<SyncCandidate> candidates(int shardIndex, int shardCount) {
        return Multi.createBy().repeating()
                .uni(() -> new AtomicReference<UUID>(), lastId -> page(shardIndex, shardCount, lastId.get())
                        .invoke(page -> {
                            if (!page.isEmpty()) {
                                lastId.set(page.get(page.size() - 1).userId());
                            }
                        }))
                .whilst(page -> page.size() == PAGE_SIZE)
                .onItem().transformToIterable(page -> page);
    }

    /** How many users auth.users holds by the statistics, and the role the service logs in as. */
    public Uni<UsersTableStatistics> statistics() {
        return pool.preparedQuery(USERS_BY_STATISTICS).execute()
                .map(rows -> rows.iterator().next())
                .map(row -> new UsersTableStatistics(row.getString("login_role"), row.getLong("users")));
    }

    /** About {@code users} rows in auth.users, by the server's statistics; {@code loginRole} is current_user. */
    public record UsersTableStatistics(String loginRole, long users) {
    }

    private Uni<List<SyncCandidate>> page(int shardIndex, int shardCount, UUID after) {
        Uni<RowSet<Row>> rows = after == null
                ? pool.preparedQuery(FIRST_PAGE).execute(Tuple.of(shardCount, shardIndex, PAGE_SIZE))
                : pool.preparedQuery(NEXT_PAGE).execute(Tuple.of(shardCount, shardIndex, PAGE_SIZE, after));
        return rows.map(rowSet -> {
            List<SyncCandidate> page = new ArrayList<>(rowSet.size());
            rowSet.forEach(row -> page.add(candidate(row)));
            return page;
        });
    }

    private static SyncCandidate candidate(Row row) {
        return new SyncCandidate(row.getUUID("id"), row.getString("access_token"), row.getString("refresh_token"),
                instant(row, "expires_at"), instant(row, "needs_reauth_since"), instant(row, "played_at"));
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
